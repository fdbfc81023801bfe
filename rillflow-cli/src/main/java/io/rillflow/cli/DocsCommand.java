package io.rillflow.cli;

import io.rillflow.DocumentSession;
import io.rillflow.DocumentStore;
import io.rillflow.QuerySession;
import io.rillflow.spi.DocumentMapping;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code docs get|soft-delete|restore TYPE ID}: one document by its type's simple (or qualified)
 * name and its id typed as text, read as the type's id class; {@code docs index-advisor TYPE}: which
 * of its JSON paths an index serves ({@link IndexAdvisor}). Needs the application's document
 * classes: inside the application, or with its jar on the class path.
 */
@Command(name = "docs", mixinStandardHelpOptions = true, description = "Documents by type and id")
final class DocsCommand {
  @ParentCommand
  RootCommand root;

  @Command(name = "get", description = "The document as JSON")
  void get(@Parameters(paramLabel = "TYPE") String type, @Parameters(paramLabel = "ID") String id) {
    DocumentMapping<?, ?> mapping = root.catalog().document(type);
    Object key = id(mapping, id);
    Object document;
    try (QuerySession session = root.store().querySession()) {
      document = session.load(mapping.documentType(), key).orElseThrow(() -> missing(mapping, id));
    }
    root.output().printJson(Output.JSON.valueToTree(document));
  }

  @Command(name = "soft-delete", description = "Marks a soft-deletable document deleted; restore brings it back")
  void softDelete(@Parameters(paramLabel = "TYPE") String type, @Parameters(paramLabel = "ID") String id) {
    DocumentMapping<?, ?> mapping = root.catalog().document(type);
    if (!mapping.softDelete()) {
      throw new IllegalArgumentException(mapping.documentType().getSimpleName() + " is not soft-deleted "
          + "(@Document(softDelete = true)): deleting it would remove it for good, so soft-delete refuses");
    }
    Object key = id(mapping, id);
    DocumentStore store = root.store();
    if (!exists(store, mapping, key)) {
      throw missing(mapping, id);
    }
    try (DocumentSession session = store.lightweightSession()) {
      session.deleteById(mapping.documentType(), key);
      session.saveChanges();
    }
    done(mapping, id, "softDeleted", "soft-deleted");
  }

  @Command(name = "restore", description = "Brings back a soft-deleted document")
  void restore(@Parameters(paramLabel = "TYPE") String type, @Parameters(paramLabel = "ID") String id) {
    DocumentMapping<?, ?> mapping = root.catalog().document(type);
    Object key = id(mapping, id);
    DocumentStore store = root.store();
    try (DocumentSession session = store.lightweightSession()) {
      session.restore(mapping.documentType(), key);
      session.saveChanges();
    }
    if (!exists(store, mapping, key)) {
      throw new NotFoundException("No soft-deleted " + mapping.documentType().getSimpleName() + " has id " + id);
    }
    done(mapping, id, "restored", "restored");
  }

  @Command(name = "index-advisor", description = "Whether indexes serve queries on the given JSON paths; the"
      + " @Duplicated or DDL that would (it changes nothing)")
  void indexAdvisor(@Parameters(paramLabel = "TYPE") String type,
      @Option(names = "--field", paramLabel = "PATH", description = "A dotted property path the application queries"
          + " (repeatable)") List<String> fields,
      @Option(names = "--gin", description = "Also advise on a GIN index over data (equality and contains on JSON)")
      boolean gin) {
    DocumentMapping<?, ?> mapping = root.catalog().document(type);
    IndexAdvisor.Report report = new IndexAdvisor(root.store(), mapping).advise(fields == null ? List.of() : fields, gin);
    root.output().print(report, () -> {
      TextTable table = new TextTable("PATH", "TYPE", "SERVED_BY", "ADVICE");
      if (gin) {
        table.row("data (GIN)", "jsonb", report.gin() ? "yes" : null, report.gin() ? "served" : report.ginDdl());
      }
      for (IndexAdvisor.FieldAdvice field : report.fields()) {
        table.row(field.path(), field.compareType(), field.servedBy(), field.ddl() == null ? field.advice()
            : field.advice() + ": " + field.ddl());
      }
      table.row("(table " + report.table() + ")", null, null, "indexes " + report.indexes().stream()
          .map(IndexAdvisor.Index::name).toList() + ", scans " + report.tableStatistics());
      return table;
    });
  }

  private static boolean exists(DocumentStore store, DocumentMapping<?, ?> mapping, Object key) {
    try (QuerySession session = store.querySession()) {
      return session.exists(mapping.documentType(), key);
    }
  }

  private void done(DocumentMapping<?, ?> mapping, String id, String field, String human) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("type", mapping.documentType().getSimpleName());
    json.put("id", id);
    json.put(field, true);
    root.output().message(json, mapping.documentType().getSimpleName() + " " + id + " " + human + ".");
  }

  private static NotFoundException missing(DocumentMapping<?, ?> mapping, String id) {
    return new NotFoundException("No " + mapping.documentType().getSimpleName() + " has id " + id);
  }

  /** The id as the type's id class: UUID, String, long or int. */
  static Object id(DocumentMapping<?, ?> mapping, String text) {
    Class<?> idType = mapping.idType();
    try {
      if (idType == UUID.class) {
        return UUID.fromString(text);
      } else if (idType == Long.class || idType == long.class) {
        return Long.valueOf(text);
      } else if (idType == Integer.class || idType == int.class) {
        return Integer.valueOf(text);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(mapping.documentType().getSimpleName() + " ids are " + idType.getSimpleName()
          + ", and \"" + text + "\" is not one", e);
    }
    return text;
  }
}
