package io.rillflow.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** One compile per query-method mistake: the message, the file, and the line of the method or parameter. */
class QueryProcessorTest {
  private static final JavaFileObject BOOK = JavaFileObjects.forSourceLines("com.acme.Book",
      "package com.acme;",
      "",
      "@io.rillflow.annotations.Document",
      "public record Book(java.util.UUID id, String title, int pages, Format format, java.util.List<String> genres,",
      "    Author author, boolean inPrint) {",
      "  public enum Format { HARDCOVER, PAPERBACK }",
      "  public record Author(String name, String country) {}",
      "}");

  /** A repository with {@code members} (each a line), compiled with the Book document. */
  private static JavaFileObject repository(String... members) {
    List<String> lines = new ArrayList<>(List.of(
        "package com.acme;",
        "",
        "import io.rillflow.annotations.Query;",
        "import java.util.*;",
        "",
        "@io.rillflow.annotations.Repository",
        "public interface BookRepository extends io.rillflow.DocumentRepository<Book, UUID> {"));
    lines.addAll(List.of(members));
    lines.add("}");
    return JavaFileObjects.forSourceLines("com.acme.BookRepository", lines);
  }

  private static Compilation compile(JavaFileObject repository) {
    return javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing").compile(BOOK, repository);
  }

  @Test
  void unknownPathInADerivedNameSuggestsTheNearest() {
    JavaFileObject source = repository("  List<Book> findByTitel(String title);");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/UnknownPath] Unable to implement BookRepository.findByTitel(String title): "
            + "Book has no path \"Titel\"; did you mean \"Title\"?")
        .inFile(source).onLineContaining("findByTitel");
  }

  @Test
  void unknownNestedPathInQuerySuggestsTheNearest() {
    JavaFileObject source = repository(
        "  @Query(\"author.contry = :country\")",
        "  List<Book> byCountry(String country);");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/UnknownPath] Unable to implement BookRepository.byCountry(String country): "
            + "Book has no path \"author.contry\"; did you mean \"author.country\"? (at column 1 of @Query)")
        .inFile(source).onLineContaining("@Query(\"author.contry");
  }

  @Test
  void parameterNotAssignableToItsPathIsAnErrorOnTheParameter() {
    JavaFileObject source = repository(
        "  List<Book> findByPages(",
        "      String pages);");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/ParameterType] Unable to implement BookRepository.findByPages(String pages): "
            + "parameter pages is a String, but eq pages needs an Integer")
        .inFile(source).onLineContaining("String pages);");
  }

  @Test
  void queryParameterOfTheWrongTypeIsAnErrorOnTheParameter() {
    JavaFileObject source = repository(
        "  @Query(\"format = :format\")",
        "  List<Book> ofFormat(",
        "      String format);");
    assertThat(compile(source))
        .hadErrorContaining("parameter format is a String, but eq format needs a Book.Format")
        .inFile(source).onLineContaining("String format);");
  }

  @Test
  void inNeedsACollection() {
    JavaFileObject source = repository(
        "  List<Book> findByPagesIn(",
        "      int pages);");
    assertThat(compile(source))
        .hadErrorContaining("parameter pages is an int, but in pages needs a collection or array of Integer")
        .inFile(source).onLineContaining("int pages);");
  }

  @Test
  void unusedParameterIsAnErrorOnIt() {
    JavaFileObject source = repository(
        "  List<Book> findByTitle(String title,",
        "      int extra);");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/UnusedParameter] Unable to implement BookRepository.findByTitle(String title, int extra): "
            + "parameter extra is not used by the query")
        .inFile(source).onLineContaining("int extra);");
  }

  @Test
  void queryNamingAParameterThatDoesNotExistIsAnError() {
    JavaFileObject source = repository(
        "  @Query(\"title = :name\")",
        "  List<Book> titled(String title);");
    Compilation compilation = compile(source);
    assertThat(compilation)
        .hadErrorContaining("[Rillflow/UnknownParameter] Unable to implement BookRepository.titled(String title): "
            + "no parameter is named \"name\"; parameters are [title] (at column 9 of @Query)")
        .inFile(source).onLineContaining("@Query(\"title = :name\")");
  }

  @Test
  void derivedNameNeedingMoreParametersThanGivenIsAnError() {
    JavaFileObject source = repository("  List<Book> findByTitleAndPages(String title);");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/MissingParameter] Unable to implement BookRepository.findByTitleAndPages(String title): "
            + "the name needs 2 parameters for its criteria, but the method has 1")
        .inFile(source).onLineContaining("findByTitleAndPages");
  }

  @Test
  void containingOnANumberIsAnOperatorError() {
    JavaFileObject source = repository("  List<Book> findByPagesContaining(int pages);");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/OperatorType] Unable to implement BookRepository.findByPagesContaining(int pages): "
            + "containing does not apply to pages, which is an int; it applies to strings and collections")
        .inFile(source).onLineContaining("findByPagesContaining");
  }

  @Test
  void ignoreCaseOnANumberIsAnOperatorError() {
    JavaFileObject source = repository("  List<Book> findByPagesIgnoreCase(int pages);");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/QueryIgnoreCaseType] Unable to implement BookRepository.findByPagesIgnoreCase(int pages): "
            + "ignore case does not apply to pages, which is an int; it applies to strings")
        .inFile(source).onLineContaining("findByPagesIgnoreCase");
  }

  @Test
  void trueOnAStringIsAnOperatorError() {
    JavaFileObject source = repository("  List<Book> findByTitleTrue();");
    assertThat(compile(source))
        .hadErrorContaining("true does not apply to title, which is a String; it applies to booleans")
        .inFile(source).onLineContaining("findByTitleTrue");
  }

  @Test
  void unsupportedReturnTypeIsAnError() {
    JavaFileObject source = repository("  Set<Book> findByTitle(String title);");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/ReturnType] Unable to implement BookRepository.findByTitle(String title): "
            + "cannot return Set<Book>; a find returns Book, Optional, List, Collection, Iterable, Stream or Page of it")
        .inFile(source).onLineContaining("Set<Book> findByTitle");
  }

  @Test
  void countMustReturnANumber() {
    JavaFileObject source = repository("  String countByTitle(String title);");
    assertThat(compile(source))
        .hadErrorContaining("cannot return String; a count returns long or int")
        .inFile(source).onLineContaining("countByTitle");
  }

  @Test
  void pageNeedsAPageRequest() {
    JavaFileObject source = repository("  io.rillflow.query.Page<Book> findByTitle(String title);");
    assertThat(compile(source))
        .hadErrorContaining("cannot return Page<Book>; a Page needs a PageRequest parameter")
        .inFile(source).onLineContaining("findByTitle");
  }

  @Test
  void projectionComponentThatIsNotAPathIsAnError() {
    JavaFileObject source = repository(
        "  record Summary(String titel, int pages) {}",
        "  List<Summary> findByInPrintTrue();");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/ProjectionPath] Unable to implement BookRepository.findByInPrintTrue(): projection Summary: "
            + "component titel is not a path of Book; did you mean \"title\"?")
        .inFile(source).onLineContaining("List<Summary> findByInPrintTrue");
  }

  @Test
  void projectionComponentOfAnotherTypeIsAnError() {
    JavaFileObject source = repository(
        "  record Summary(String title, String pages) {}",
        "  List<Summary> findByInPrintTrue();");
    assertThat(compile(source))
        .hadErrorContaining("projection Summary: component pages is a String, but pages is an int")
        .inFile(source).onLineContaining("List<Summary> findByInPrintTrue");
  }

  @Test
  void syntaxErrorInQueryPointsAtTheColumn() {
    JavaFileObject source = repository(
        "  @Query(\"title = = :title\")",
        "  List<Book> titled(String title);");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/QuerySyntax] Unable to implement BookRepository.titled(String title): "
            + "syntax error in @Query at column 9: expected a value (:parameter, 'text', number, true or false) but found \"=\"")
        .inFile(source).onLineContaining("@Query(\"title = = :title\")");
  }

  @Test
  void unclosedStringInQueryIsASyntaxError() {
    JavaFileObject source = repository(
        "  @Query(\"title = 'Dune\")",
        "  List<Book> dune();");
    assertThat(compile(source))
        .hadErrorContaining("syntax error in @Query at column 9: the string that starts here is not closed with '")
        .inFile(source).onLineContaining("@Query(\"title = 'Dune\")");
  }

  @Test
  void literalOfTheWrongTypeIsAnError() {
    JavaFileObject source = repository(
        "  @Query(\"pages = 'many'\")",
        "  List<Book> many();");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/QueryLiteralType] Unable to implement BookRepository.many(): eq pages needs an Integer, "
            + "but the query gives the string 'many'")
        .inFile(source).onLineContaining("List<Book> many()");
  }

  @Test
  void enumLiteralThatIsNoConstantIsAnError() {
    JavaFileObject source = repository(
        "  @Query(\"format = 'KINDLE'\")",
        "  List<Book> kindle();");
    assertThat(compile(source))
        .hadErrorContaining("eq format needs one of [HARDCOVER, PAPERBACK], but the query gives the string 'KINDLE'")
        .inFile(source).onLineContaining("List<Book> kindle()");
  }

  @Test
  void unknownOrderByPathInQueryIsAnError() {
    JavaFileObject source = repository(
        "  @Query(value = \"inPrint\", orderBy = \"titel desc\")",
        "  List<Book> inPrint();");
    assertThat(compile(source))
        .hadErrorContaining("Book has no path \"titel\"; did you mean \"title\"?")
        .inFile(source).onLineContaining("orderBy = \"titel desc\"");
  }

  @Test
  void methodNameThatIsNoQueryIsAnError() {
    JavaFileObject source = repository("  List<Book> fetchByTitle(String title);");
    assertThat(compile(source))
        .hadErrorContaining("[Rillflow/MethodName] Unable to implement BookRepository.fetchByTitle(String title): "
            + "the name does not start with find, read, get, query, search, stream, count, exists or delete")
        .inFile(source).onLineContaining("fetchByTitle");
  }

  @Test
  void everyBrokenMethodIsReportedInOneCompile() {
    JavaFileObject source = repository(
        "  List<Book> findByTitel(String title);",
        "  List<Book> findByPagesContaining(int pages);",
        "  Set<Book> findByInPrintTrue();");
    assertThat(compile(source)).hadErrorCount(3);
  }

  @Test
  void firstOnADeleteIsAnError() {
    JavaFileObject source = repository("  long deleteFirstByInPrintFalse();");
    assertThat(compile(source))
        .hadErrorContaining("Unable to implement BookRepository.deleteFirstByInPrintFalse(): First applies to finding documents, not to delete")
        .inFile(source).onLineContaining("deleteFirstByInPrintFalse");
  }

  @Test
  void aMalformedNumberInQueryIsASyntaxError() {
    JavaFileObject source = repository(
        "  @Query(\"pages = 1.2.3\")",
        "  List<Book> odd();");
    assertThat(compile(source))
        .hadErrorContaining("syntax error in @Query at column 9: \"1.2.3\" is not a number")
        .inFile(source).onLineContaining("@Query(\"pages = 1.2.3\")");
  }

  @Test
  void aLimitBelowOneIsAnError() {
    JavaFileObject source = repository(
        "  @Query(value = \"inPrint\", limit = -5)",
        "  List<Book> few();");
    assertThat(compile(source))
        .hadErrorContaining("@Query(limit = -5) must be at least 1, or -1 for no limit")
        .inFile(source).onLineContaining("limit = -5");
  }

  @Test
  void inWithALiteralIsAnError() {
    JavaFileObject source = repository(
        "  @Query(\"title in 'Dune'\")",
        "  List<Book> dune();");
    assertThat(compile(source))
        .hadErrorContaining("in title needs a :parameter holding a collection, but the query gives a single literal")
        .inFile(source).onLineContaining("List<Book> dune()");
  }

  @Test
  void ignoreCaseWithInIsAnError() {
    JavaFileObject source = repository("  List<Book> findByTitleInIgnoreCase(List<String> titles);");
    assertThat(compile(source))
        .hadErrorContaining("ignore case does not apply to in on title")
        .inFile(source).onLineContaining("findByTitleInIgnoreCase");
  }

  @Test
  void pathsThatNameAlikeGetTheirOwnConstants() throws java.io.IOException {
    JavaFileObject maker = JavaFileObjects.forSourceLines("com.acme.Gadget",
        "package com.acme;",
        "@io.rillflow.annotations.Document",
        "public record Gadget(String id, String makerCity, Maker maker) {",
        "  public record Maker(String city) {}",
        "}");
    JavaFileObject repository = JavaFileObjects.forSourceLines("com.acme.GadgetRepository",
        "package com.acme;",
        "@io.rillflow.annotations.Repository",
        "public interface GadgetRepository extends io.rillflow.DocumentRepository<Gadget, String> {",
        "  java.util.List<Gadget> findByMakerCity(String city);",
        "  @io.rillflow.annotations.Query(\"maker.city = :city\")",
        "  java.util.List<Gadget> nested(String city);",
        "}");
    Compilation compilation = javac().withProcessors(new RillflowProcessor()).withOptions("-Xlint:all,-processing")
        .compile(maker, repository);
    assertThat(compilation).succeededWithoutWarnings();
    String impl = compilation.generatedSourceFile("com.acme.GadgetRepositoryImpl").orElseThrow().getCharContent(true).toString();
    org.assertj.core.api.Assertions.assertThat(impl)
        .contains("PATH_MAKER_CITY = List.of(\"makerCity\")")
        .contains("PATH_MAKER__CITY = List.of(\"maker\", \"city\")");
  }
}
