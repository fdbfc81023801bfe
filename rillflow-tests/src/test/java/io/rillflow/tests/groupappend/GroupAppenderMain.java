package io.rillflow.tests.groupappend;

import io.rillflow.AutoCreate;
import io.rillflow.DocumentStore;
import io.rillflow.events.GroupAppendOptions;
import io.rillflow.tenancy.Tenancy;
import io.rillflow.tenancy.TenantDatabases;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Tenants' grouped appenders in a JVM of their own, for a test to kill ({@code SIGKILL}) while groups
 * are being written. Arguments: JDBC URL, schema, tenancy mode ({@link Tenancy.Mode} name), stream
 * prefix, then alpha's and beta's database URLs (read with a database per tenant). Runs a
 * {@link TenantRace} of eight writers over tenants alpha and beta until killed, printing
 * "acked tenant attempt" after each acknowledged append.
 */
public final class GroupAppenderMain {
  private GroupAppenderMain() {}

  public static void main(String[] args) throws Exception {
    Tenancy tenancy = switch (Tenancy.Mode.valueOf(args[2])) {
      case CONJOINED -> Tenancy.conjoined();
      case DATABASE_PER_TENANT -> Tenancy.databasePerTenant(TenantDatabases.of(Map.of("alpha", args[4], "beta", args[5])));
      default -> Tenancy.schemaPerTenant();
    };
    try (DocumentStore store = DocumentStore.builder().url(args[0]).schema(args[1]).autoCreate(AutoCreate.NONE)
        .readModels(false).tenancy(tenancy).maximumPoolSize(12)
        .groupAppends(GroupAppendOptions.enabled().maxGroupSize(8)).build()) {
      TenantRace race = new TenantRace(args[3], List.of("alpha", "beta"),
          (tenant, attempt) -> System.out.println("acked " + tenant + " " + attempt));
      race.run(store, 8, Duration.ofMinutes(10));
    }
  }
}
