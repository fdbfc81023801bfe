package io.rillflow.internal;

import io.rillflow.DocumentStore;
import io.rillflow.internal.sql.Identifiers;
import io.rillflow.internal.tenancy.TenantSchemas;
import io.rillflow.spi.StoreFactory;
import io.rillflow.spi.StoreSettings;
import io.rillflow.tenancy.Tenancy;
import java.util.ArrayList;
import java.util.List;

/** The runtime's {@link StoreFactory}, listed in {@code META-INF/services}. */
public final class DefaultStoreFactory implements StoreFactory {

  @Override
  public List<String> problems(StoreSettings settings) {
    List<String> problems = new ArrayList<>();
    String schemaProblem = Identifiers.problemWith(settings.schema());
    if (schemaProblem != null) {
      problems.add("schema \"" + settings.schema() + "\" " + schemaProblem);
    }
    Tenancy.Mode tenancy = settings.tenancy().mode();
    if (tenancy == Tenancy.Mode.DATABASE_PER_TENANT && settings.readReplica().configured()) {
      // The replica streams one server; tenants on other servers would read a server that lacks them.
      problems.add("readReplica(..) is not available with Tenancy.databasePerTenant(..) in this version: a replica"
          + " serves one server, and the tenants live on several");
    }
    // Conjoined tenants name no schema of their own.
    if (tenancy != Tenancy.Mode.SINGLE && tenancy != Tenancy.Mode.CONJOINED
        && settings.schema().length() > TenantSchemas.LONGEST_STORE_SCHEMA) {
      problems.add("schema \"" + settings.schema() + "\" is too long for tenant schemas named <schema>_<tenant>:"
          + " at most " + TenantSchemas.LONGEST_STORE_SCHEMA + " characters with tenancy");
    }
    return problems;
  }

  @Override
  public DocumentStore start(StoreSettings settings) {
    return StoreStart.start(settings);
  }
}
