package io.rillflow.internal.document;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.rillflow.RillflowException;
import io.rillflow.internal.json.TypeCodec;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.spi.DocumentMapping;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One document type as one store uses it: every statement's SQL, qualified for the store's schema
 * and built once when the store starts, and the Jackson reader and writer for the type, built once
 * on first use. Nothing here builds strings or looks up types per call.
 *
 * @param <T> the document type
 * @param <ID> its id type
 */
public final class DocumentTable<T, ID> {
  private static final Pattern PROPERTY = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final DocumentMapping<T, ID> mapping;
  private final TypeCodec codec;
  private final ObjectWriter valueWriter;
  private final String qualifiedName;
  private final String schemaPrefix;
  private final String idArrayType;
  private final boolean versioned;
  /** Dynamic query SQL by shape; bounded by the shapes an application's code can make. */
  private final java.util.concurrent.ConcurrentHashMap<Object, Object> queryCache = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile ColumnNames columnNames = ColumnNames.PLAIN;

  private final DocumentStatements statements;
  private final TenantFilter tenant;

  public DocumentTable(DocumentMapping<T, ID> mapping, String schema, ObjectMapper objectMapper) {
    this(mapping, schema, objectMapper, TenantFilter.NONE);
  }

  /** The table as one tenant of a conjoined store uses it: {@code tenant} leads its key and every condition. */
  public DocumentTable(DocumentMapping<T, ID> mapping, String schema, ObjectMapper objectMapper, TenantFilter tenant) {
    this.mapping = mapping;
    this.tenant = tenant;
    this.codec = new TypeCodec(objectMapper, mapping.documentType());
    this.valueWriter = objectMapper.writer();
    this.qualifiedName = Identifiers.quote(schema) + "." + Identifiers.quote(mapping.tableName());
    this.schemaPrefix = Identifiers.quote(schema) + ".";
    this.idArrayType = IdColumns.sqlType(mapping.idType());
    String versionProperty = mapping.versionProperty();
    this.versioned = versionProperty != null;
    if (versioned && !PROPERTY.matcher(versionProperty).matches()) {
      throw new IllegalArgumentException("Version property \"" + versionProperty + "\" of "
          + mapping.documentType().getName() + " is not a Java identifier");
    }
    this.statements = DocumentStatements.of(mapping, qualifiedName, idArrayType, versionProperty, tenant);
  }

  /** The table's fixed statements, for this store's schema. */
  public DocumentStatements sql() {
    return statements;
  }

  /** The SQL cached for a query shape, built by {@code build} the first time and {@link #qualify qualified}. */
  public String cachedSql(Object shape, java.util.function.Supplier<String> build) {
    return cached(shape, () -> qualify(build.get()));
  }

  /**
   * {@code sql} as this store sends it: the table ({@code {{table}}}) schema-qualified, the tenant markers
   * filled by its {@link TenantFilter}, and each
   * duplicated column's plain name replaced by the column this store uses when they differ. Called
   * once per statement shape, when it is cached; never per call.
   */
  public String qualify(String sql) {
    return columnNames.rewrite(io.rillflow.sql.Statements.qualify(sql, qualifiedName, tenant.predicate()));
  }

  /**
   * What is cached for a query shape (SQL, or SQL with its bind plan), built by {@code build} the
   * first time. The key is any value with equality: a record of the shape's parts costs no string
   * building per call. SQL inside it must have gone through {@link #qualify}.
   */
  @SuppressWarnings("unchecked")
  public <V> V cached(Object shape, java.util.function.Supplier<V> build) {
    Object value = queryCache.get(shape);
    if (value == null) {
      value = queryCache.computeIfAbsent(shape, s -> build.get());
    }
    return (V) value;
  }

  /** Points the table at its duplicated columns' names in the database (plain name to name); clears the cache, which may hold the old names. */
  void useColumns(java.util.Map<String, String> names) {
    this.columnNames = ColumnNames.of(names);
    queryCache.clear();
  }

  /** A Rillflow function of the store's schema ({@code rf_*}, from its migrations), qualified. */
  public String function(String name) {
    return schemaPrefix + name;
  }

  /** The tenant this table's statements keep to ({@link TenantFilter#NONE} outside conjoined tenancy). */
  public TenantFilter tenant() {
    return tenant;
  }

  /** Takes the duplicated columns' names {@code other} (the same mapping's table for another tenant) uses. */
  void useColumnsOf(DocumentTable<?, ?> other) {
    this.columnNames = other.columnNames;
    queryCache.clear();
  }

  /** The mapping this table stores. */
  public DocumentMapping<T, ID> mapping() {
    return mapping;
  }

  /** The schema-qualified, quoted table name. */
  public String qualifiedName() {
    return qualifiedName;
  }

  /** Whether the type has a {@code @Version} member. */
  public boolean versioned() {
    return versioned;
  }

  /** The document type's simple name, for messages. */
  public String typeName() {
    return mapping.documentType().getSimpleName();
  }

  /** The Jackson reader of the document type. */
  public ObjectReader reader() {
    return codec.reader();
  }



  /** Writes any value as JSON with the store's mapper, for patches. */
  public ObjectWriter valueWriter() {
    return valueWriter;
  }

  /** Reads a stored document. */
  public T read(String json) {
    try {
      return reader().readValue(json);
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot read a stored " + mapping.documentType().getName()
          + " from its JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * Reads the document stored in row {@code rowId}. A row whose JSON names another id (written by
   * raw SQL, or copied from another row) is refused rather than loaded as the other document: which
   * of the two ids is right only its writer knows, and loading it would let a later save overwrite
   * the other document.
   */
  public T read(Object rowId, String json) {
    T document;
    try {
      document = reader().readValue(json);
    } catch (JsonProcessingException e) {
      throw new RillflowException("Cannot read " + mapping.documentType().getName() + " " + rowId
          + " from its JSON: " + e.getOriginalMessage(), e);
    }
    ID jsonId = mapping.id(document);
    if (jsonId != null && !jsonId.equals(rowId)) {
      throw new RillflowException("Row " + rowId + " of " + mapping.tableName() + " holds the JSON of "
          + mapping.documentType().getName() + " " + jsonId + ": not loaded as another document; make the row's id"
          + " and its JSON's id agree");
    }
    return document;
  }

  /** Writes a document as UTF-8 JSON bytes. */
  public byte[] writeBytes(T document) {
    try {
      return codec.writer().writeValueAsBytes(document);
    } catch (JsonProcessingException e) {
      throw cannotWrite(document, e);
    }
  }

  /** Writes a document as JSON. */
  public String write(T document) {
    try {
      return codec.writer().writeValueAsString(document);
    } catch (JsonProcessingException e) {
      throw cannotWrite(document, e);
    }
  }

  private RillflowException cannotWrite(T document, JsonProcessingException e) {
    Throwable constraint = e;
    while (constraint != null && !(constraint instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException)) {
      constraint = constraint.getCause();
    }
    String limit = constraint != null
        ? " (the store reads documents nested at most " + io.rillflow.internal.JsonLimits.MAX_NESTING_DEPTH
            + " levels deep, so it writes none deeper)"
        : "";
    return new RillflowException("Cannot write " + mapping.documentType().getName() + " "
        + mapping.id(document) + " as JSON: " + e.getOriginalMessage() + limit, e);
  }

  /**
   * The document's id, assigning a time-ordered UUID when it has none and can take one.
   *
   * @throws IllegalArgumentException when the id is missing and cannot be assigned
   */
  @SuppressWarnings("unchecked")
  public ID idOf(T document) {
    ID id = mapping.id(document);
    if (id == null) {
      if (mapping.idType() == UUID.class && mapping.canAssignId()) {
        id = (ID) TimeOrderedUuids.next();
        mapping.assignId(document, id);
      } else {
        throw new IllegalArgumentException(typeName() + " has no id: set it before storing"
            + (mapping.idType() == UUID.class ? " (a UUID id is assigned only when its member is writable)" : ""));
      }
    }
    return id;
  }

  /**
   * {@code id} as this type's id class.
   *
   * @throws IllegalArgumentException naming the expected class when it is another
   */
  public ID checkedId(Object id) {
    if (id == null) {
      throw new IllegalArgumentException("The id of a " + typeName() + " cannot be null");
    }
    Class<ID> idType = mapping.idType();
    if (idType == UUID.class && id instanceof String text) {
      // A UUID and its text name the same document, as they name the same stream.
      try {
        return idType.cast(UUID.fromString(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(typeName() + " ids are UUID, and \"" + text + "\" is not one");
      }
    }
    if (!idType.isInstance(id)) {
      throw new IllegalArgumentException(typeName() + " ids are " + idType.getSimpleName()
          + ", not " + id.getClass().getSimpleName() + " (" + id + ")");
    }
    return idType.cast(id);
  }

  /** Binds an array of ids, for {@code id = ANY (?)}. */
  public Array idArray(Connection connection, Collection<?> ids) throws SQLException {
    return connection.createArrayOf(idArrayType, ids.toArray());
  }

  /** Binds one id. */
  public void bindId(PreparedStatement statement, int index, Object id) throws SQLException {
    statement.setObject(index, id);
  }
}
