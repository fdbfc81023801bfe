package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** {@code @Tag}: the generated tag extraction, and one test per diagnostic, each on the member at fault. */
class TagProcessorTest {

  private static Compilation compile(JavaFileObject... sources) {
    return javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(sources);
  }

  private static JavaFileObject source(String name, String... lines) {
    String[] all = new String[lines.length + 4];
    all[0] = "package com.acme.courses;";
    all[1] = "";
    all[2] = "import io.rillflow.annotations.Event;";
    all[3] = "import io.rillflow.annotations.Tag;";
    System.arraycopy(lines, 0, all, 4, lines.length);
    return JavaFileObjects.forSourceLines("com.acme.courses." + name, all);
  }

  @Test
  void tagsAreReadWithPlainCallsIntoTheEventMapping() {
    JavaFileObject studentId = source("StudentId", "public record StudentId(String value) {}");
    JavaFileObject subscribed = source("StudentSubscribed",
        "@Event public record StudentSubscribed(@Tag(\"course\") String courseId, @Tag(\"student\") StudentId student,",
        "    @Tag long term, int seats) {}");
    JavaFileObject moved = source("SeatsMoved",
        "@Event public class SeatsMoved {",
        "  @Tag(\"room\") java.util.UUID room;",
        "  @Tag private Integer seats;",
        "  public Integer getSeats() { return seats; }",
        "}");

    Compilation compilation = compile(studentId, subscribed, moved);

    assertThat(compilation).succeededWithoutWarnings();
    assertThat(compilation).generatedSourceFile("com.acme.courses.StudentSubscribed_Event").hasSourceEquivalentTo(
        JavaFileObjects.forSourceLines("com.acme.courses.StudentSubscribed_Event",
            "package com.acme.courses;",
            "",
            "import io.rillflow.spi.EventMapping;",
            "import io.rillflow.spi.EventTags;",
            "import java.util.List;",
            "import javax.annotation.processing.Generated;",
            "",
            "@Generated(\"io.rillflow.processor.RillflowProcessor\")",
            "public final class StudentSubscribed_Event implements EventMapping<StudentSubscribed> {",
            "    public static final StudentSubscribed_Event INSTANCE = new StudentSubscribed_Event();",
            "",
            "    private StudentSubscribed_Event() {}",
            "",
            "    @Override public Class<StudentSubscribed> eventType() { return StudentSubscribed.class; }",
            "    @Override public String typeName() { return \"StudentSubscribed\"; }",
            "    @Override public int schemaVersion() { return 1; }",
            "    @Override public List<String> tags(StudentSubscribed event) {",
            "        return EventTags.of(\"course\", event.courseId(), \"student\", event.student() == null ? null"
                + " : event.student().value(), \"term\", event.term());",
            "    }",
            "}"));
    assertThat(compilation).generatedSourceFile("com.acme.courses.SeatsMoved_Event").contentsAsUtf8String()
        .contains("return EventTags.of(\"room\", event.room, \"seats\", event.getSeats());");
  }

  @Test
  void aTagOfAnotherTypeFailsOnTheMember() {
    JavaFileObject event = source("Rescheduled",
        "@Event public record Rescheduled(@Tag java.time.Instant at, @Tag(\"pair\") Pair pair) {",
        "  public record Pair(String a, String b) {}",
        "}");

    Compilation compilation = compile(event);

    assertThat(compilation).hadErrorContaining("[Rillflow/TagType] @Tag member at of event Rescheduled is of type"
        + " Instant; a tag is a String, a UUID, a number, or a record with one component")
        .inFile(event).onLineContaining("@Tag java.time.Instant at");
    assertThat(compilation).hadErrorContaining("[Rillflow/TagType] @Tag member pair of event Rescheduled")
        .inFile(event).onLineContaining("@Tag java.time.Instant at");
  }

  @Test
  void aBadOrRepeatedTagNameFailsOnTheMember() {
    JavaFileObject event = source("Renamed",
        "@Event public class Renamed {",
        "  @Tag(\"course id\") String course;",
        "  @Tag(\"student\") String first;",
        "  @Tag(\"student\") String second;",
        "}");

    Compilation compilation = compile(event);

    assertThat(compilation).hadErrorContaining("[Rillflow/TagName] @Tag name \"course id\" of course in event Renamed")
        .inFile(event).onLineContaining("@Tag(\"course id\")");
    assertThat(compilation).hadErrorContaining("[Rillflow/DuplicateTag] @Tag members first and second of event Renamed"
        + " both name tag \"student\"").inFile(event).onLineContaining("String second");
  }

  @Test
  void aPrivateTagWithoutAccessorFailsOnTheMember() {
    JavaFileObject event = source("Hidden",
        "@Event public class Hidden {",
        "  @Tag private String course;",
        "}");

    Compilation compilation = compile(event);

    assertThat(compilation).hadErrorContaining("[Rillflow/UnreadableTag] @Tag member course of event Hidden is private"
        + " and has no accessor; make it package-private or add a method getCourse()")
        .inFile(event).onLineContaining("private String course");
  }

  @Test
  void aTagOutsideAnEventOrOnAStaticFieldFails() {
    JavaFileObject notEvent = source("Course", "public record Course(@Tag String courseId) {}");
    JavaFileObject withStatic = source("Opened",
        "@Event public class Opened {",
        "  @Tag static String registry = \"main\";",
        "  String course;",
        "}");

    Compilation compilation = compile(notEvent, withStatic);

    assertThat(compilation).hadErrorContaining("[Rillflow/TagOutsideEvent] @Tag member courseId is in Course, which is"
        + " not an @Event").inFile(notEvent).onLineContaining("record Course");
    assertThat(compilation).hadErrorContaining("[Rillflow/TagNotStored] @Tag member registry of Opened is static")
        .inFile(withStatic).onLineContaining("static String registry");
  }
}
