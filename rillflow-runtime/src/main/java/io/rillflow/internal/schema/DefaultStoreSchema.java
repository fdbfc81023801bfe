package io.rillflow.internal.schema;

import io.rillflow.AutoCreate;
import io.rillflow.SchemaException;
import io.rillflow.SchemaPlan;
import io.rillflow.StoreSchema;
import io.rillflow.internal.sql.Transaction;
import io.rillflow.spi.DocumentMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Compares a store's document mappings with its schema, and closes the gap on request. */
public final class DefaultStoreSchema implements StoreSchema {
  private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

  private final DataSource dataSource;
  private final String schema;
  private final List<DocumentTableDdl> tables;
  /** {@link AutoCreate#ALL}: also rebuild changed duplicated columns and drop ones no longer mapped. */
  private final boolean rebuild;

  public DefaultStoreSchema(DataSource dataSource, String schema, Collection<DocumentMapping<?, ?>> mappings,
      AutoCreate autoCreate) {
    this.dataSource = dataSource;
    this.schema = schema;
    this.rebuild = autoCreate == AutoCreate.ALL;
    // By table name, so that a plan (and an exported migration) is the same whatever the module order.
    this.tables = mappings.stream()
        .map(m -> new DocumentTableDdl(m, schema))
        .sorted(java.util.Comparator.comparing(DocumentTableDdl::table))
        .toList();
  }

  @Override
  public SchemaPlan plan() {
    try (Connection connection = dataSource.getConnection()) {
      return plan(Catalogue.read(connection, schema));
    } catch (SQLException e) {
      throw new SchemaException("Cannot read the catalogue of schema \"" + schema + "\": " + e.getMessage(), e);
    }
  }

  private SchemaPlan plan(Catalogue catalogue) {
    List<String> statements = new ArrayList<>();
    for (DocumentTableDdl table : tables) {
      List<String> indexesToCreate = new ArrayList<>();
      if (!catalogue.hasTable(table.table())) {
        statements.add(table.createTable());
        table.generated().keySet().forEach(column -> statements.add(table.comment(column)));
      } else {
        for (String column : table.columns().keySet()) {
          if (!catalogue.hasColumn(table.table(), column)) {
            statements.add(table.addColumn(column));
            if (table.generated().containsKey(column)) {
              statements.add(table.comment(column));
            }
          } else if (rebuild && table.generated().containsKey(column)
              && !table.commentText(column).equals(catalogue.comment(table.table(), column))) {
            // A changed @Duplicated: dropping the column drops its index, so make that again too.
            statements.add(table.dropColumn(column));
            statements.add(table.addColumn(column));
            statements.add(table.comment(column));
            if (table.indexOf(column) != null) {
              indexesToCreate.add(table.indexOf(column));
            }
          }
        }
        if (rebuild) {
          for (String column : catalogue.columns(table.table())) {
            String comment = catalogue.comment(table.table(), column);
            if (!table.columns().containsKey(column) && comment != null
                && comment.startsWith(DocumentTableDdl.COMMENT_PREFIX)) {
              statements.add(table.dropColumn(column));
            }
          }
        }
      }
      for (Map.Entry<String, String> index : table.indexes().entrySet()) {
        if (!catalogue.hasIndex(index.getKey()) || indexesToCreate.contains(index.getKey())) {
          statements.add(index.getValue());
        }
      }
    }
    return new SchemaPlan(statements);
  }

  @Override
  public void apply() {
    String[] current = {null};
    try (Connection connection = dataSource.getConnection()) {
      Transaction.run(connection, c -> {
        // Two stores starting together would otherwise both plan the same ALTER.
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
          lock.setString(1, "rillflow.schema." + schema);
          lock.execute();
        }
        SchemaPlan plan = plan(Catalogue.read(c, schema));
        try (Statement statement = c.createStatement()) {
          for (String sql : plan.statements()) {
            current[0] = sql;
            statement.execute(sql);
          }
        }
        return null;
      });
    } catch (SQLException e) {
      throw new SchemaException("Cannot update the document tables of schema \"" + schema + "\""
          + (current[0] != null ? " at [" + current[0] + "]" : "") + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Path exportMigration(Path target) {
    SchemaPlan plan = plan();
    if (plan.isEmpty()) {
      return null;
    }
    Path file = Files.isDirectory(target)
        ? target.resolve("V" + VERSION.format(ZonedDateTime.now(ZoneOffset.UTC)) + "__rillflow_documents.sql")
        : target;
    String header = "-- Rillflow document tables for schema \"" + schema + "\", written by StoreSchema.exportMigration.\n"
        + "-- Needs Rillflow's own tables (and their rf_* functions) in the same schema first.\n\n";
    try {
      Files.writeString(file, header + plan.toSql(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new SchemaException("Cannot write the migration " + file + ": " + e.getMessage(), e);
    }
    return file;
  }
}
