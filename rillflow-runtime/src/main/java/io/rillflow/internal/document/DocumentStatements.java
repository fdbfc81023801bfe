package io.rillflow.internal.document;

import io.rillflow.internal.sql.TenantFilter;
import io.rillflow.spi.DocumentMapping;

/**
 * The fixed statements of one document table, built once per store (its schema qualified in): each
 * is one String instance, so the session can batch runs of one statement by comparing references.
 *
 * <p>A versioned document's JSON carries its version: the row's version is written into it in the
 * same statement ({@code jsonb_set}), so a load never has to patch the JSON in Java. The two
 * {@code ...Many} statements do an upsert or insert for many documents at once, over an id array and
 * a JSON-text array ({@code unnest}).
 */
public record DocumentStatements(
    String load, String loadMany, String upsert, String insert, String upsertMany, String insertMany, String update,
    String updateAtVersion, String delete, String deleteAtVersion, String restore, String version, String count,
    String exists, String metadata, String selectAll) {

  /**
   * @param table the table's qualified, quoted name
   * @param idArrayType the SQL type of the id column, for the arrays of the many-document statements
   * @param versionProperty the JSON property of the version, checked to be a Java identifier; {@code null} if none
   * @param tenant the tenant every statement keeps to: it leads the key and follows every condition on it
   */
  static DocumentStatements of(DocumentMapping<?, ?> mapping, String table, String idArrayType, String versionProperty,
      TenantFilter tenant) {
    boolean soft = mapping.softDelete();
    boolean versioned = versionProperty != null;
    // The tenant's predicate follows every test of the id: the key (tenant_id, id) serves both.
    String byId = " WHERE id = ?" + tenant.and();
    String live = soft ? " AND deleted_at IS NULL" : "";
    String where = soft ? " WHERE deleted_at IS NULL" + tenant.and() : tenant.where();
    String newData = versioned ? "jsonb_set(?::jsonb, '{" + versionProperty + "}', to_jsonb(?::bigint))" : "?::jsonb";
    String conflict = " ON CONFLICT (" + tenant.column() + "id)";
    String upsertTail = conflict + " DO UPDATE SET data = excluded.data, version = d.version + 1, updated_at = now()"
        + (soft ? ", deleted_at = NULL" : "");
    String columns = " (" + tenant.column() + "id, data, version)";
    String rows = " FROM unnest(?::" + idArrayType + "[], ?::text[]) AS u(id, data)";
    return new DocumentStatements(
        "SELECT data FROM " + table + byId + live,
        "SELECT id, data FROM " + table + " WHERE id = ANY (?)" + tenant.and() + live,
        "INSERT INTO " + table + " AS d" + columns + " VALUES (" + tenant.value() + "?, ?::jsonb, 1)" + upsertTail,
        "INSERT INTO " + table + columns + " VALUES (" + tenant.value() + "?, " + newData + ", 1)" + conflict
            + " DO NOTHING",
        "INSERT INTO " + table + " AS d" + columns + " SELECT " + tenant.value() + "u.id, u.data::jsonb, 1" + rows
            + upsertTail,
        "INSERT INTO " + table + columns + " SELECT " + tenant.value() + "u.id, "
            + (versioned ? "jsonb_set(u.data::jsonb, '{" + versionProperty + "}', '1')" : "u.data::jsonb") + ", 1" + rows
            + conflict + " DO NOTHING RETURNING id",
        "UPDATE " + table + " SET data = ?::jsonb, version = version + 1, updated_at = now()" + byId + live,
        "UPDATE " + table + " SET data = " + newData + ", version = ?, updated_at = now()" + byId + " AND version = ?"
            + live,
        soft ? "UPDATE " + table + " SET deleted_at = now()" + byId + " AND deleted_at IS NULL"
            : "DELETE FROM " + table + byId,
        soft ? "UPDATE " + table + " SET deleted_at = now()" + byId + " AND version = ? AND deleted_at IS NULL"
            : "DELETE FROM " + table + byId + " AND version = ?",
        "UPDATE " + table + " SET deleted_at = NULL, updated_at = now()" + byId + " AND deleted_at IS NOT NULL",
        "SELECT version FROM " + table + byId + live,
        "SELECT count(*) FROM " + table + where,
        "SELECT EXISTS (SELECT 1 FROM " + table + byId + live + ")",
        "SELECT version, created_at, updated_at, " + (soft ? "deleted_at" : "NULL::timestamptz") + " FROM " + table
            + byId,
        "SELECT data FROM " + table + where);
  }
}
