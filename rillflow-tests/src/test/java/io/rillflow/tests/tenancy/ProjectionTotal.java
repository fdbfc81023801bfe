package io.rillflow.tests.tenancy;

import io.rillflow.annotations.Document;
import java.math.BigDecimal;

/** What one projection has counted in one tenant: its events and their amounts. */
@Document
public record ProjectionTotal(String id, long events, BigDecimal amount) {}
