package io.rillflow.internal.document;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.spi.DocumentMapping;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Every {@link DocumentTable} of one store, by document class; built when the store starts, read-only after. */
public final class DocumentTables {
  private final Map<Class<?>, DocumentTable<?, ?>> byType;
  private final UniqueIndexes uniqueIndexes;

  public DocumentTables(Collection<DocumentMapping<?, ?>> mappings, String schema, ObjectMapper objectMapper) {
    this(mappings, mappings, schema, objectMapper, Map.of());
  }

  /**
   * The tables of a tenant's schema: {@code owned} qualified for {@code schema}, every other mapping
   * of {@code all} served by the table {@code shared} already holds (one copy, in the store's schema,
   * which that store keeps pointed at its columns).
   */
  public DocumentTables(Collection<DocumentMapping<?, ?>> all, Collection<DocumentMapping<?, ?>> owned, String schema,
      ObjectMapper objectMapper, DocumentTables shared) {
    this(all, owned, schema, objectMapper, shared.byType);
  }

  private DocumentTables(Collection<DocumentMapping<?, ?>> all, Collection<DocumentMapping<?, ?>> owned,
      String schema, ObjectMapper objectMapper, Map<Class<?>, DocumentTable<?, ?>> borrowed) {
    Map<Class<?>, DocumentTable<?, ?>> tables = new HashMap<>(borrowed);
    for (DocumentMapping<?, ?> mapping : owned) {
      tables.put(mapping.documentType(), new DocumentTable<>(mapping, schema, objectMapper));
    }
    this.byType = Map.copyOf(tables);
    // Index names are schema-neutral: one lookup serves owned and shared tables alike.
    this.uniqueIndexes = new UniqueIndexes(all, schema);
  }

  private DocumentTables(Map<Class<?>, DocumentTable<?, ?>> byType, UniqueIndexes uniqueIndexes) {
    this.byType = byType;
    this.uniqueIndexes = uniqueIndexes;
  }

  /**
   * These tables as one tenant of a conjoined store uses them: each tenant's table (every one but the
   * shared ones) with its statements built for {@code tenant} and the duplicated columns these use; the
   * shared tables as they are. Reads no catalogue: the store's own tables have read it.
   */
  public DocumentTables forTenant(TenantFilter tenant, String schema, ObjectMapper objectMapper) {
    Map<Class<?>, DocumentTable<?, ?>> tables = new HashMap<>();
    byType.forEach((type, table) -> tables.put(type, table.mapping().shared() ? table : tenantTable(table, tenant,
        schema, objectMapper)));
    return new DocumentTables(Map.copyOf(tables), uniqueIndexes);
  }

  private static <T, ID> DocumentTable<T, ID> tenantTable(DocumentTable<T, ID> table, TenantFilter tenant,
      String schema, ObjectMapper objectMapper) {
    DocumentTable<T, ID> own = new DocumentTable<>(table.mapping(), schema, objectMapper, tenant);
    own.useColumnsOf(table);
    return own;
  }

  /** What names a unique violation of these tables. */
  public UniqueIndexes uniqueIndexes() {
    return uniqueIndexes;
  }

  /**
   * Points each table at the duplicated columns this version uses ({@link DuplicatedColumn}):
   * table name to plain column name to the column's name in the database. Called when the store
   * starts, before any query, and after a cleanup.
   */
  public void useColumns(Map<String, Map<String, String>> byTable) {
    // Only the tables named: a tenant's schema leaves the shared tables to the store that holds them.
    for (DocumentTable<?, ?> table : byType.values()) {
      Map<String, String> columns = byTable.get(table.mapping().tableName());
      if (columns != null) {
        table.useColumns(columns);
      }
    }
  }

  /**
   * The table of {@code type}.
   *
   * @throws IllegalArgumentException when {@code type} is not a registered document
   */
  @SuppressWarnings("unchecked")
  public <T> DocumentTable<T, Object> of(Class<T> type) {
    DocumentTable<?, ?> table = byType.get(type);
    if (table == null) {
      throw new IllegalArgumentException(type.getName() + " is not a document of this store: annotate it "
          + "@Document and make sure the Rillflow processor ran on it (its " + type.getSimpleName()
          + "_Mapping must exist)");
    }
    return (DocumentTable<T, Object>) table;
  }

  /** The table of a document instance's class. */
  @SuppressWarnings("unchecked")
  public <T> DocumentTable<T, Object> ofInstance(T document) {
    if (document == null) {
      throw new IllegalArgumentException("A document cannot be null");
    }
    return of((Class<T>) document.getClass());
  }

  /** The table of {@code type}, typed for code that handles documents of any type as objects. */
  @SuppressWarnings("unchecked")
  public DocumentTable<Object, Object> ofObjects(Class<?> type) {
    return (DocumentTable<Object, Object>) of(type);
  }
}
