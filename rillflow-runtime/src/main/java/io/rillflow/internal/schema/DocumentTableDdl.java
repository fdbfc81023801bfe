package io.rillflow.internal.schema;

import io.rillflow.SchemaDrift;
import io.rillflow.internal.document.DuplicatedColumn;
import io.rillflow.internal.document.IdColumns;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.spi.DocumentMapping;
import io.rillflow.spi.DuplicatedField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DDL one document mapping needs in one schema, compared with the catalogue: the table with its
 * fixed columns, one stored generated column per duplicated field (named as {@link DuplicatedColumn}
 * decides), and their indexes. A tenant's table of a conjoined store leads with {@code tenant_id}: in the
 * primary key ({@code tenant_id, id}) and in every index of a duplicated column, so each tenant's ids and
 * unique values are its own and each lookup finds its tenant's rows first.
 */
final class DocumentTableDdl {
  private final String schema;
  private final String table;
  private final String qualifiedTable;
  /** The fixed columns: name to definition. */
  private final Map<String, String> fixed = new LinkedHashMap<>();
  private final List<DuplicatedColumn> duplicated = new ArrayList<>();
  private final String ginIndex;
  /** Unique indexes cover live rows only: a soft-deleted document's value may be taken again. */
  private final boolean softDelete;

  /** The key columns of an index or the primary key: {@code "tenant_id", } leading them, or "". */
  private final String keyPrefix;

  /** @param tenantColumn whether the table keeps many tenants' rows apart by a {@code tenant_id} (conjoined) */
  DocumentTableDdl(DocumentMapping<?, ?> mapping, String schema, boolean tenantColumn) {
    this.schema = schema;
    this.table = mapping.tableName();
    this.qualifiedTable = Identifiers.quote(schema) + "." + Identifiers.quote(table);
    this.keyPrefix = tenantColumn ? Identifiers.quote(TenantFilter.COLUMN) + ", " : "";
    if (tenantColumn) {
      fixed.put(TenantFilter.COLUMN, "text NOT NULL");
    }
    fixed.put("id", IdColumns.sqlType(mapping.idType()) + (tenantColumn ? " NOT NULL" : " NOT NULL PRIMARY KEY"));
    fixed.put("data", "jsonb NOT NULL");
    fixed.put("version", "bigint NOT NULL DEFAULT 1");
    fixed.put("created_at", "timestamptz NOT NULL DEFAULT now()");
    fixed.put("updated_at", "timestamptz NOT NULL DEFAULT now()");
    if (mapping.softDelete()) {
      fixed.put("deleted_at", "timestamptz");
    }
    this.softDelete = mapping.softDelete();
    this.ginIndex = mapping.ginIndexed() ? DuplicatedColumn.shortened(table + "_data_gin") : null;
    for (DuplicatedField field : mapping.duplicatedFields()) {
      duplicated.add(new DuplicatedColumn(table, field, schema));
    }
  }

  String table() {
    return table;
  }

  /**
   * The column each duplicated field uses in {@code catalogue}: an existing column holding its
   * definition, else its plain name when free, else its hashed name. Deterministic for one
   * catalogue, so two versions reading the same catalogue agree.
   */
  Map<String, String> names(Catalogue catalogue) {
    Map<String, String> names = new LinkedHashMap<>();
    for (DuplicatedColumn column : duplicated) {
      String plain = column.plainName();
      String hashed = column.hashedName();
      String name;
      if (column.comment().equals(catalogue.comment(table, plain))) {
        name = plain;
      } else if (catalogue.hasColumn(table, hashed)) {
        name = hashed;
      } else if (!catalogue.hasColumn(table, plain)) {
        name = plain;
      } else {
        name = hashed;
      }
      names.put(plain, name);
    }
    return names;
  }

  /** Adds what is missing to {@code plan} and every drift of this table. */
  void compare(Catalogue catalogue, SchemaChanges plan) {
    Map<String, String> names = names(catalogue);
    Map<String, String> indexes = indexes(names);
    if (!catalogue.hasTable(table)) {
      plan.missing("table " + table);
      plan.inTransaction(createTable(names));
      for (DuplicatedColumn column : duplicated) {
        plan.inTransaction(comment(names.get(column.plainName()), column));
      }
      // A new table is empty and seen by no one yet: its indexes need no concurrent build.
      indexes.forEach((name, sql) -> {
        plan.inTransaction(sql.replace(" CONCURRENTLY", ""));
        plan.inTransaction(indexComment(name));
      });
      return;
    }
    if (!keyPrefix.isEmpty() && !catalogue.hasColumn(table, TenantFilter.COLUMN)) {
      // Its primary key is (id): rows of two tenants with one id cannot both live there.
      throw new io.rillflow.SchemaException("Table " + schema + "." + table + " has no " + TenantFilter.COLUMN
          + " column: it was made by a store without Tenancy.conjoined(). A conjoined store needs its own tables;"
          + " use another schema, or move the data there");
    }
    for (Map.Entry<String, String> column : fixed.entrySet()) {
      if (!catalogue.hasColumn(table, column.getKey())) {
        plan.missing("column " + table + "." + column.getKey());
        plan.inTransaction(addColumn(column.getKey(), column.getValue()));
      }
    }
    Map<String, DuplicatedColumn> used = new HashMap<>();
    for (DuplicatedColumn column : duplicated) {
      String name = names.get(column.plainName());
      used.put(name, column);
      if (!catalogue.hasColumn(table, name)) {
        plan.missing("column " + table + "." + name + " (" + column.definition() + ")");
        plan.inTransaction(addColumn(name, column.definition()));
        plan.inTransaction(comment(name, column));
      } else if (!column.comment().equals(catalogue.comment(table, name))) {
        plan.drift(new SchemaDrift(table, "column " + table + "." + name + " holds \""
            + catalogue.comment(table, name) + "\" where the mapping wants \"" + column.comment() + "\"",
            "drop it with store.schema().cleanup() and start with AutoCreate.CREATE_OR_UPDATE or ALL (or apply the"
                + " exported migration) to add it again", dropColumn(name)), true);
      }
    }
    for (String column : catalogue.columns(table)) {
      String comment = catalogue.comment(table, column);
      if (!used.containsKey(column) && !fixed.containsKey(column) && comment != null
          && comment.startsWith(DuplicatedColumn.COMMENT_PREFIX)) {
        plan.drift(new SchemaDrift(table, "column " + table + "." + column + " (" + comment
            + ") is not mapped by this version: left by a changed or removed @Duplicated",
            "drop it with store.schema().cleanup() once no running version uses it", dropColumn(column)), false);
      }
    }
    for (Map.Entry<String, String> index : indexes.entrySet()) {
      Catalogue.Index existing = catalogue.index(index.getKey());
      if (existing == null) {
        plan.missing("index " + index.getKey() + " on " + table);
        plan.concurrent(index.getValue());
        plan.concurrent(indexComment(index.getKey()));
      } else if (!existing.valid()) {
        plan.missing("index " + index.getKey() + " on " + table + " (invalid: an interrupted concurrent build)");
        // An interrupted concurrent build leaves an invalid index that IF NOT EXISTS would keep.
        plan.concurrent(dropIndex(index.getKey()));
        plan.concurrent(index.getValue());
        plan.concurrent(indexComment(index.getKey()));
      }
    }
    Set<String> named = namedByRillflow(catalogue);
    for (Map.Entry<String, Catalogue.Index> index : catalogue.indexes().entrySet()) {
      Catalogue.Index existing = index.getValue();
      boolean ours = existing.comment() != null && existing.comment().startsWith(DuplicatedColumn.COMMENT_PREFIX)
          || named.contains(index.getKey());
      if (existing.table().equals(table) && !indexes.containsKey(index.getKey()) && ours) {
        plan.drift(new SchemaDrift(table, "index " + index.getKey() + " on " + table + " is not used by this version",
            "drop it with store.schema().cleanup() once no running version uses it", dropIndex(index.getKey())), false);
      }
    }
  }

  /**
   * The names Rillflow gives indexes of this table's generated columns, whatever their definition:
   * indexes made before indexes were marked with a comment are recognised by name, so that one left
   * behind (say a unique index after {@code unique = true} was removed) is reported, not kept silently.
   */
  private Set<String> namedByRillflow(Catalogue catalogue) {
    Set<String> names = new HashSet<>();
    names.add(DuplicatedColumn.shortened(table + "_data_gin"));
    for (String column : catalogue.columns(table)) {
      String comment = catalogue.comment(table, column);
      if (comment != null && comment.startsWith(DuplicatedColumn.COMMENT_PREFIX)) {
        names.add(DuplicatedColumn.indexName(table, column, false, false));
        names.add(DuplicatedColumn.indexName(table, column, true, false));
        names.add(DuplicatedColumn.indexName(table, column, true, true));
      }
    }
    return names;
  }

  /** Index name to its CREATE INDEX CONCURRENTLY statement, for the columns {@code names} chose. */
  private Map<String, String> indexes(Map<String, String> names) {
    Map<String, String> indexes = new LinkedHashMap<>();
    if (ginIndex != null) {
      indexes.put(ginIndex, "CREATE INDEX CONCURRENTLY IF NOT EXISTS " + Identifiers.quote(ginIndex) + " ON "
          + qualifiedTable + " USING gin (data jsonb_path_ops)");
    }
    for (DuplicatedColumn column : duplicated) {
      DuplicatedField field = column.field();
      if (field.indexed()) {
        String name = names.get(column.plainName());
        boolean liveOnly = field.unique() && softDelete;
        String index = DuplicatedColumn.indexName(table, name, field.unique(), liveOnly);
        indexes.put(index, "CREATE " + (field.unique() ? "UNIQUE " : "") + "INDEX CONCURRENTLY IF NOT EXISTS "
            + Identifiers.quote(index) + " ON " + qualifiedTable + " (" + keyPrefix + Identifiers.quote(name) + ")"
            + (liveOnly ? " WHERE deleted_at IS NULL" : ""));
      }
    }
    return indexes;
  }

  private String createTable(Map<String, String> names) {
    StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(qualifiedTable).append(" (");
    String separator = "\n    ";
    for (Map.Entry<String, String> column : fixed.entrySet()) {
      sql.append(separator).append(Identifiers.quote(column.getKey())).append(' ').append(column.getValue());
      separator = ",\n    ";
    }
    for (DuplicatedColumn column : duplicated) {
      sql.append(separator).append(Identifiers.quote(names.get(column.plainName()))).append(' ')
          .append(column.definition());
    }
    if (!keyPrefix.isEmpty()) {
      sql.append(separator).append("PRIMARY KEY (").append(keyPrefix).append("id)");
    }
    return sql.append("\n)").toString();
  }

  /**
   * Marks a duplicated column with its definition, so that a later start finds the column holding a
   * definition without parsing PostgreSQL's rendering of the expression.
   */
  private String comment(String name, DuplicatedColumn column) {
    return "COMMENT ON COLUMN " + qualifiedTable + "." + Identifiers.quote(name) + " IS '"
        + column.comment().replace("'", "''") + "'";
  }

  /** Marks an index as Rillflow's, so that cleanup may drop it once no mapping uses it. */
  private String indexComment(String index) {
    return "COMMENT ON INDEX " + Identifiers.quote(schema) + "." + Identifiers.quote(index) + " IS '"
        + DuplicatedColumn.COMMENT_PREFIX + "index of " + table + "'";
  }

  private String addColumn(String name, String definition) {
    return "ALTER TABLE " + qualifiedTable + " ADD COLUMN IF NOT EXISTS " + Identifiers.quote(name) + " " + definition;
  }

  private String dropColumn(String name) {
    return "ALTER TABLE " + qualifiedTable + " DROP COLUMN IF EXISTS " + Identifiers.quote(name);
  }

  private String dropIndex(String index) {
    return "DROP INDEX CONCURRENTLY IF EXISTS " + Identifiers.quote(schema) + "." + Identifiers.quote(index);
  }
}
