package io.rillflow.cli;

import io.micrometer.core.instrument.MeterRegistry;
import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.DocumentStoreBuilder;
import io.rillflow.events.EventStorage;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.tenancy.TenantDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The standalone jar's database: URL, user, schema, and a password that never appears on the
 * command line (so not in {@code ps} or a shell history): from {@value #PASSWORD_VARIABLE} or a file.
 */
final class ConnectionOptions {
  static final String PASSWORD_VARIABLE = "RILLFLOW_DATABASE_PASSWORD";

  @Option(names = "--url", paramLabel = "JDBC_URL", description = "jdbc:postgresql://host:port/database (standalone only; no password in it)")
  String url;

  @Option(names = "--user", description = "Database user")
  String user;

  @Option(names = "--password-file", paramLabel = "FILE",
      description = "File holding the password (else the " + PASSWORD_VARIABLE + " environment variable)")
  Path passwordFile;

  @Option(names = "--schema", description = "The store's schema (default: public)")
  String schema = "public";

  @Option(names = "--auto-create",
      description = "What connecting may change: NONE (default: check only) or CREATE_OR_UPDATE")
  AutoCreate autoCreate = AutoCreate.NONE;

  /** How the store keeps tenants apart, as the standalone jar can open it. */
  enum TenancyOption {
    SINGLE(Tenancy.single()), SCHEMA_PER_TENANT(Tenancy.schemaPerTenant()),
    /** Tenants assigned to databases in the store's {@code rf_tenant_databases} (the master table). */
    DATABASE_PER_TENANT(Tenancy.databasePerTenant(TenantDatabases.masterTable())),
    /** Every tenant in the store's own tables, each row marked with its tenant. */
    CONJOINED(Tenancy.conjoined());

    final Tenancy tenancy;

    TenancyOption(Tenancy tenancy) {
      this.tenancy = tenancy;
    }
  }

  @Option(names = "--tenancy", paramLabel = "single|schema-per-tenant|database-per-tenant|conjoined",
      converter = TenancyConverter.class, description = "The store's tenancy (default single: no tenants); the tenants"
          + " commands need schema-per-tenant, database-per-tenant (tenants assigned in the master table) or conjoined")
  TenancyOption tenancy = TenancyOption.SINGLE;

  /** Reads {@code schema-per-tenant} as well as {@code SCHEMA_PER_TENANT}. */
  static final class TenancyConverter extends OptionValues<TenancyOption> {
    TenancyConverter() {
      super("--tenancy", TenancyOption.class);
    }
  }

  /** How the store lays out its events ({@link EventStorage}), as the standalone jar can open it. */
  enum EventStorageOption {
    DEFAULT(EventStorage.DEFAULT), COMPACT(EventStorage.compact());

    final EventStorage storage;

    EventStorageOption(EventStorage storage) {
      this.storage = storage;
    }
  }

  @Option(names = "--event-storage", paramLabel = "default|compact", converter = EventStorageConverter.class,
      description = "The store's event layout (default: text stream ids, type index); compact: uuid stream ids, no"
          + " type index (EventStorage.compact()). A store refuses a schema of the other stream id type")
  EventStorageOption eventStorage = EventStorageOption.DEFAULT;

  /** Reads {@code compact} as well as {@code COMPACT}. */
  static final class EventStorageConverter extends OptionValues<EventStorageOption> {
    EventStorageConverter() {
      super("--event-storage", EventStorageOption.class);
    }
  }

  /**
   * An option whose values are an enum's constants, written in lower case with dashes
   * ({@code schema-per-tenant} for {@code SCHEMA_PER_TENANT}) or as the constants; anything else is refused
   * naming every value.
   */
  abstract static class OptionValues<E extends Enum<E>> implements picocli.CommandLine.ITypeConverter<E> {
    private final String option;
    private final Class<E> type;

    OptionValues(String option, Class<E> type) {
      this.option = option;
      this.type = type;
    }

    @Override
    public E convert(String value) {
      try {
        return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        List<String> names = Arrays.stream(type.getEnumConstants())
            .map(constant -> constant.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
        throw new picocli.CommandLine.TypeConversionException(option + " is "
            + String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1)
            + ", not " + value);
      }
    }
  }

  /** The store the options describe; the caller closes it. */
  DocumentStore open(CommandSpec spec, Map<String, String> environment, MeterRegistry meters,
      Consumer<DocumentStoreBuilder> settings) {
    if (url == null) {
      throw new ParameterException(spec.commandLine(), "Missing --url: the standalone command line needs a database "
          + "(--url jdbc:postgresql://host:5432/db --user app, password in " + PASSWORD_VARIABLE + " or --password-file)");
    }
    if (url.toLowerCase(Locale.ROOT).contains("password=")) {
      throw new ParameterException(spec.commandLine(), "--url must not carry a password: put it in "
          + PASSWORD_VARIABLE + " or a file named by --password-file");
    }
    DocumentStoreBuilder builder = DocumentStore.builder().url(url).schema(schema).autoCreate(autoCreate)
        .maximumPoolSize(4).meterRegistry(meters).tenancy(tenancy.tenancy)
        .eventStorage(eventStorage.storage);
    if (user != null) {
      builder.username(user);
    }
    settings.accept(builder);
    String password = password(spec, environment);
    if (password != null) {
      builder.password(password);
    }
    return builder.build();
  }

  private String password(CommandSpec spec, Map<String, String> environment) {
    if (passwordFile != null) {
      try {
        return Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new ParameterException(spec.commandLine(), "Cannot read --password-file " + passwordFile + ": " + e);
      }
    }
    return environment.get(PASSWORD_VARIABLE);
  }
}
