package io.rillflow.processor;

/**
 * Every diagnostic the processor reports, with a stable tag ({@code [Rillflow/MissingId]}) that
 * users can search for and tests can match. A message says what failed, where, and how to fix it.
 */
public enum Message {
  DOCUMENT_NOT_A_CLASS("DocumentKind",
      "@Document must be on a class or record, but %s is %s"),
  DOCUMENT_ABSTRACT("DocumentKind",
      "@Document %s is abstract; documents are instantiated when loaded, so make it concrete"),
  DOCUMENT_INNER_CLASS("DocumentKind",
      "@Document %s is an inner class; make it static so it can be instantiated without an outer instance"),
  DOCUMENT_NOT_ACCESSIBLE("DocumentKind",
      "@Document %s is private; generated code in its package must reach it, so make it at least package-private"),
  DOCUMENT_MISSING_ID("MissingId",
      "Document %s has no id: mark one member @Id, or name it \"id\" (id types: UUID, String, long, Long, int, Integer)"),
  DOCUMENT_TWO_IDS("DuplicateId",
      "Document %s has two ids, %s and %s; keep @Id on one"),
  ID_UNSUPPORTED_TYPE("UnsupportedIdType",
      "The id %s of document %s is of type %s; supported id types are UUID, String, long, Long, int and Integer"),
  MEMBER_NOT_READABLE("UnreadableMember",
      "%s of document %s is private and has no accessor; make it package-private or add a method %s()"),
  DOCUMENT_NO_CONSTRUCTOR("DocumentKind",
      "Document %s has no constructor without parameters, so it cannot be instantiated when loaded; add one (it may be private) or mark a constructor @JsonCreator"),
  VERSION_NOT_INTEGER("VersionType",
      "@Version member %s of document %s is of type %s; a version must be int or long"),
  VERSION_TWICE("DuplicateVersion",
      "Document %s has two @Version members, %s and %s; keep one"),
  DUPLICATED_UNKNOWN_PATH("UnknownPath",
      "@Duplicated path \"%s\" of document %s does not exist: %s"),
  DUPLICATED_NO_COLUMN_TYPE("DuplicatedType",
      "@Duplicated %s of document %s is of type %s, which has no column type; duplicate a String, number, boolean, UUID, enum or java.time value"),
  DUPLICATED_PATH_ON_MEMBER("DuplicatedPath",
      "@Duplicated on member %s of document %s takes no path; the path is the member itself (path is for @Duplicated on the type)"),
  DUPLICATED_MISSING_PATH("DuplicatedPath",
      "@Duplicated on document %s needs a path, for example @Duplicated(path = \"address.city\")"),
  DUPLICATED_COLUMN_TAKEN("DuplicatedColumn",
      "@Duplicated %s of document %s would use column \"%s\", which %s; choose another with column = \"...\""),
  DUPLICATED_COLUMN_INVALID("DuplicatedColumn",
      "@Duplicated %s of document %s: column name \"%s\" must be at most 63 lower case letters, digits and underscores, starting with a letter or underscore"),
  DUPLICATED_LOWERCASE_NOT_TEXT("DuplicatedType",
      "@Duplicated %s of document %s has lowercase = true but is of type %s; lowercase applies to text only"),
  REPOSITORY_NOT_INTERFACE("RepositoryKind",
      "@Repository must be on an interface, but %s is %s"),
  REPOSITORY_NO_BASE("RepositoryKind",
      "@Repository %s must extend io.rillflow.DocumentRepository<T, ID> with T a @Document and ID its id type"),
  REPOSITORY_GENERIC("RepositoryKind",
      "@Repository %s has type parameters; a repository serves one document type, so name it in DocumentRepository<T, ID>"),
  REPOSITORY_NOT_A_DOCUMENT("RepositoryDocument",
      "@Repository %s serves %s, which is not a @Document; annotate it @Document or serve another type"),
  REPOSITORY_WRONG_ID("RepositoryDocument",
      "@Repository %s declares id type %s, but the id of %s is %s; write DocumentRepository<%s, %s>"),
  QUERY_METHOD_NAME("MethodName",
      "Unable to implement %s: %s"),
  QUERY_UNKNOWN_PATH("UnknownPath",
      "Unable to implement %s: %s"),
  QUERY_SYNTAX("QuerySyntax",
      "Unable to implement %s: syntax error in @Query at column %d: %s%n    %s%n    %s^"),
  QUERY_MISSING_PARAMETER("MissingParameter",
      "Unable to implement %s: %s"),
  QUERY_UNUSED_PARAMETER("UnusedParameter",
      "Unable to implement %s: parameter %s is not used by the query; use it, or remove it"),
  QUERY_PARAMETER_TYPE("ParameterType",
      "Unable to implement %s: parameter %s is %s, but %s %s needs %s"),
  QUERY_LITERAL_TYPE("ParameterType",
      "Unable to implement %s: %s %s needs %s, but the query gives %s"),
  QUERY_OPERATOR_TYPE("OperatorType",
      "Unable to implement %s: %s does not apply to %s, which is %s; it applies to %s"),
  QUERY_RETURN_TYPE("ReturnType",
      "Unable to implement %s: cannot return %s; %s"),
  QUERY_PROJECTION("Projection",
      "Unable to implement %s: projection %s: %s"),
  TABLE_NAME_INVALID("InvalidTable",
      "Table name \"%s\" of document %s %s"),
  TABLE_TWICE("DuplicateTable",
      "Documents %s and %s both map to table \"%s\"; give one of them @Document(table = \"...\")"),
  INTERNAL_ERROR("InternalError",
      "Internal error in the Rillflow processor while processing %s; please report it with this trace:%n%s");

  private final String tag;
  private final String format;

  Message(String tag, String format) {
    this.tag = tag;
    this.format = format;
  }

  /** The message text for these arguments, starting with its tag. */
  public String format(Object... args) {
    return "[Rillflow/" + tag + "] " + String.format(format, args);
  }
}
