package io.rillflow.internal.document;

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
   */
  static DocumentStatements of(DocumentMapping<?, ?> mapping, String table, String idArrayType, String versionProperty) {
    boolean soft = mapping.softDelete();
    boolean versioned = versionProperty != null;
    String live = soft ? " AND deleted_at IS NULL" : "";
    String where = soft ? " WHERE deleted_at IS NULL" : "";
    String newData = versioned ? "jsonb_set(?::jsonb, '{" + versionProperty + "}', to_jsonb(?::bigint))" : "?::jsonb";
    String upsertTail = " ON CONFLICT (id) DO UPDATE SET data = excluded.data, version = d.version + 1, updated_at = now()"
        + (soft ? ", deleted_at = NULL" : "");
    String rows = " FROM unnest(?::" + idArrayType + "[], ?::text[]) AS u(id, data)";
    return new DocumentStatements(
        "SELECT data FROM " + table + " WHERE id = ?" + live,
        "SELECT id, data FROM " + table + " WHERE id = ANY (?)" + live,
        "INSERT INTO " + table + " AS d (id, data, version) VALUES (?, ?::jsonb, 1)" + upsertTail,
        "INSERT INTO " + table + " (id, data, version) VALUES (?, " + newData + ", 1) ON CONFLICT (id) DO NOTHING",
        "INSERT INTO " + table + " AS d (id, data, version) SELECT u.id, u.data::jsonb, 1" + rows + upsertTail,
        "INSERT INTO " + table + " (id, data, version) SELECT u.id, "
            + (versioned ? "jsonb_set(u.data::jsonb, '{" + versionProperty + "}', '1')" : "u.data::jsonb") + ", 1" + rows
            + " ON CONFLICT (id) DO NOTHING RETURNING id",
        "UPDATE " + table + " SET data = ?::jsonb, version = version + 1, updated_at = now() WHERE id = ?" + live,
        "UPDATE " + table + " SET data = " + newData + ", version = ?, updated_at = now() WHERE id = ? AND version = ?"
            + live,
        soft ? "UPDATE " + table + " SET deleted_at = now() WHERE id = ? AND deleted_at IS NULL"
            : "DELETE FROM " + table + " WHERE id = ?",
        soft ? "UPDATE " + table + " SET deleted_at = now() WHERE id = ? AND version = ? AND deleted_at IS NULL"
            : "DELETE FROM " + table + " WHERE id = ? AND version = ?",
        "UPDATE " + table + " SET deleted_at = NULL, updated_at = now() WHERE id = ? AND deleted_at IS NOT NULL",
        "SELECT version FROM " + table + " WHERE id = ?" + live,
        "SELECT count(*) FROM " + table + where,
        "SELECT EXISTS (SELECT 1 FROM " + table + " WHERE id = ?" + live + ")",
        "SELECT version, created_at, updated_at, " + (soft ? "deleted_at" : "NULL::timestamptz") + " FROM " + table
            + " WHERE id = ?",
        "SELECT data FROM " + table + where);
  }
}
