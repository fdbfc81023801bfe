package io.rillflow.tests.failures;

import io.rillflow.annotations.Document;
import java.util.UUID;

/** A GIN-indexed table whose name shares its first 56 characters with {@link AlphaEntry}'s. */
@Document(table = "doc_warehouse_inventory_reconciliation_snapshot_entries_beta", gin = true)
public record BetaEntry(UUID id, String sku, int count) {}
