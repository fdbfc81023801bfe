package io.rillflow;

/**
 * One difference between a store's document mappings and its database that creating what is
 * missing does not close: a column or index no mapping of this version uses, a column whose
 * definition differs from its mapping's, a document table with rows that no mapping names.
 *
 * @param table the table it concerns
 * @param description what differs
 * @param fix what closes it
 * @param cleanup the statement {@link StoreSchema#cleanup()} runs for it, or {@code null} when cleanup leaves it alone
 */
public record SchemaDrift(String table, String description, String fix, String cleanup) {

  @Override
  public String toString() {
    return description + "; " + fix;
  }
}
