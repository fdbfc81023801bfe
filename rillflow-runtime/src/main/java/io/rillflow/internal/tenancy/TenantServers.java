package io.rillflow.internal.tenancy;

/** The one way messages name a database server (a tenant's, a replica's): its JDBC URL without a password. */
public final class TenantServers {
  private TenantServers() {}

  /** The URL as logs and messages may show it: any {@code password=} parameter masked. */
  public static String withoutPassword(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /** {@code server <url>}, without its password. */
  public static String describe(String url) {
    return "server " + withoutPassword(url);
  }

  /** How a tenant's failures start: {@code tenant "acme" on server <url>}. */
  public static String describe(String tenantId, String url) {
    return "tenant \"" + tenantId + "\" on " + describe(url);
  }
}
