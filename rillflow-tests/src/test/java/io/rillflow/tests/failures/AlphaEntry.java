package io.rillflow.tests.failures;

import io.rillflow.annotations.Document;
import java.util.UUID;

/** A GIN-indexed table whose name shares its first 56 characters with {@link BetaEntry}'s. */
@Document(table = "doc_warehouse_inventory_reconciliation_snapshot_entries_alpha", gin = true)
public record AlphaEntry(UUID id, String sku) {}
