package io.rillflow.internal.events;

import io.rillflow.RillflowException;
import io.rillflow.events.StreamAliases;
import io.rillflow.internal.document.TimeOrderedUuids;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.sql.TenantFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * {@link StreamAliases} on {@code rf_stream_aliases}. A new alias is claimed with an insert that
 * does nothing on conflict; when it did nothing, another caller claimed it first, and a second
 * statement reads the id that caller stored. The read must be its own statement: under READ
 * COMMITTED a statement sees the rows committed before it began, and the conflicting insert (which
 * the first statement waited for) committed after. Resolved aliases never change, so they are kept
 * in memory, up to {@link #CACHED} of them. A conjoined tenant's aliases are its own: its tenant leads
 * the alias' keys ({@code ConjoinedKeys}) and every statement ({@link TenantFilter}), and its store has
 * its own cache.
 */
final class AliasRows implements StreamAliases {
  static final int CACHED = 10_000;

  private final DataSource dataSource;
  private final String claimSql;
  private final String findSql;
  private final String aliasOfSql;
  private final ConcurrentHashMap<String, UUID> resolved = new ConcurrentHashMap<>();

  AliasRows(DataSource dataSource, String schema, TenantFilter tenant) {
    this.dataSource = dataSource;
    String table = Identifiers.quote(schema) + ".rf_stream_aliases";
    this.claimSql = "INSERT INTO " + table + " (" + tenant.column() + "alias, stream_id) VALUES (" + tenant.value()
        + "?, ?) ON CONFLICT (" + tenant.column() + "alias) DO NOTHING";
    this.findSql = "SELECT stream_id FROM " + table + " WHERE alias = ?" + tenant.and();
    this.aliasOfSql = "SELECT alias FROM " + table + " WHERE stream_id = ?" + tenant.and();
  }

  @Override
  public UUID resolve(String alias) {
    check(alias);
    UUID known = resolved.get(alias);
    if (known != null) {
      return known;
    }
    try (Connection connection = dataSource.getConnection()) {
      UUID fresh = TimeOrderedUuids.next();
      UUID id;
      try (PreparedStatement claim = connection.prepareStatement(claimSql)) {
        claim.setString(1, alias);
        claim.setObject(2, fresh);
        id = claim.executeUpdate() == 1 ? fresh : find(connection, alias)
            .orElseThrow(() -> new IllegalStateException("Alias " + alias + " was claimed and is gone"));
      }
      remember(alias, id);
      return id;
    } catch (SQLException e) {
      throw new RillflowException("Cannot resolve stream alias " + alias + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<UUID> find(String alias) {
    check(alias);
    UUID known = resolved.get(alias);
    if (known != null) {
      return Optional.of(known);
    }
    try (Connection connection = dataSource.getConnection()) {
      Optional<UUID> found = find(connection, alias);
      found.ifPresent(id -> remember(alias, id));
      return found;
    } catch (SQLException e) {
      throw new RillflowException("Cannot read stream alias " + alias + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<String> aliasOf(UUID streamId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(aliasOfSql)) {
      statement.setObject(1, streamId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RillflowException("Cannot read the alias of stream " + streamId + ": " + e.getMessage(), e);
    }
  }

  private Optional<UUID> find(Connection connection, String alias) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(findSql)) {
      statement.setString(1, alias);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  private void remember(String alias, UUID id) {
    if (resolved.size() >= CACHED) {
      // Crude but bounded: an application with more live aliases than this reads some again.
      resolved.clear();
    }
    resolved.put(alias, id);
  }

  private static void check(String alias) {
    if (alias == null || alias.isBlank() || alias.length() > 200) {
      throw new IllegalArgumentException("A stream alias is 1 to 200 characters, not blank, but was "
          + (alias == null ? "null" : "\"" + alias + "\""));
    }
  }
}
