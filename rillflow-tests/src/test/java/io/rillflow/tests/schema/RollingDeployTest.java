package io.rillflow.tests.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.test.TestDatabase;
import io.rillflow.test.TestSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two versions of one application roll over one schema: version 2 changes a {@code @Duplicated}
 * definition ({@code lowercase = true}) and duplicates one more field. Whichever starts first, and
 * whatever AutoCreate the second uses, both keep writing and querying (dynamic queries and compiled
 * repository methods) until the roll ends, and cleanup() then drops only what version 1 needed.
 */
class RollingDeployTest {
  private static final String PAINT = "rolling.Paint";
  private static final String REPOSITORY = "rolling.PaintRepository";
  private static final String V1 = """
      package rolling;
      import io.rillflow.annotations.Document;
      import io.rillflow.annotations.Duplicated;
      import java.util.UUID;
      @Document(table = "doc_paint")
      public record Paint(UUID id, @Duplicated String color, String name) {}
      """;
  private static final String V2 = """
      package rolling;
      import io.rillflow.annotations.Document;
      import io.rillflow.annotations.Duplicated;
      import java.util.UUID;
      @Document(table = "doc_paint")
      public record Paint(UUID id, @Duplicated(lowercase = true) String color, @Duplicated String name) {}
      """;
  private static final String REPOSITORY_SOURCE = """
      package rolling;
      import io.rillflow.DocumentRepository;
      import io.rillflow.annotations.Repository;
      import java.util.List;
      import java.util.UUID;
      @Repository
      public interface PaintRepository extends DocumentRepository<Paint, UUID> {
        List<Paint> findByColor(String color);
      }
      """;

  private static ApplicationVersion v1;
  private static ApplicationVersion v2;

  @BeforeAll
  static void compileBothVersions(@TempDir Path directory) throws Exception {
    v1 = ApplicationVersion.compile(directory.resolve("v1"), Map.of("Paint.java", V1, "PaintRepository.java", REPOSITORY_SOURCE));
    v2 = ApplicationVersion.compile(directory.resolve("v2"), Map.of("Paint.java", V2, "PaintRepository.java", REPOSITORY_SOURCE));
  }

  @AfterAll
  static void closeLoaders() throws Exception {
    v1.close();
    v2.close();
  }

  @Test
  void version2StartingBesideARunningVersion1() throws Exception {
    roll(v1, v2, AutoCreate.CREATE_OR_UPDATE);
  }

  @Test
  void version1StartingBesideARunningVersion2() throws Exception {
    roll(v2, v1, AutoCreate.CREATE_OR_UPDATE);
  }

  @Test
  void autoCreateAllOfTheSecondVersionDropsNothingTheFirstUses() throws Exception {
    roll(v1, v2, AutoCreate.ALL);
    roll(v2, v1, AutoCreate.ALL);
  }

  private void roll(ApplicationVersion first, ApplicationVersion second, AutoCreate secondAutoCreate) throws Exception {
    TestSchema schema = TestSchema.create(TestDatabase.shared(), getClass());
    try (DocumentStore a = first.start(schema.storeBuilder())) {
      write(first, a, "Red", "first before");
      try (DocumentStore b = second.start(schema.storeBuilder().autoCreate(secondAutoCreate))) {
        write(second, b, "Red", "second");
        write(first, a, "Red", "first during");
        List<String> all = List.of("first before", "first during", "second");
        assertThat(names(first, a)).as("the first version's query").containsExactlyInAnyOrderElementsOf(all);
        assertThat(names(second, b)).as("the second version's query").containsExactlyInAnyOrderElementsOf(all);
        assertThat(repositoryCount(first, a)).isEqualTo(3);
        assertThat(repositoryCount(second, b)).isEqualTo(3);

        // A restart of the first version mid-roll (even one that may create nothing) still finds its columns.
        try (DocumentStore restarted = first.start(schema.storeBuilder().autoCreate(AutoCreate.NONE))) {
          assertThat(names(first, restarted)).containsExactlyInAnyOrderElementsOf(all);
        }
        // A third document written by the older version after the newer one started is seen by the newer one.
        write(first, a, "Red", "first late");
        assertThat(names(second, b)).hasSize(4);

        // The roll is over: the second version drops what only the first needed, and keeps working.
        assertThat(b.schema().cleanup()).isNotEmpty();
        assertThat(names(second, b)).hasSize(4);
        assertThat(repositoryCount(second, b)).isEqualTo(4);
        write(second, b, "Red", "second after");
        assertThat(names(second, b)).hasSize(5);
        assertThat(b.schema().plan().isEmpty()).isTrue();
      }
    } finally {
      schema.drop();
    }
  }

  private static void write(ApplicationVersion version, DocumentStore store, String color, String name) throws Exception {
    try (DocumentSession session = store.lightweightSession()) {
      session.store(version.document(PAINT, ApplicationVersion.id(), color, name));
      session.saveChanges();
    }
  }

  private static List<String> names(ApplicationVersion version, DocumentStore store) throws Exception {
    return store.querySession().query(version.type(PAINT)).where(version.stringPath(PAINT, "color").eq("Red"))
        .list().stream().map(p -> p.toString().replaceAll(".*name=([^,\\]]*).*", "$1")).toList();
  }

  private static int repositoryCount(ApplicationVersion version, DocumentStore store) throws Exception {
    return ((List<?>) version.callRepository(store, REPOSITORY, "findByColor", "Red")).size();
  }
}
