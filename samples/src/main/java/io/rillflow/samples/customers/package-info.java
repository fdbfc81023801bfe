/** Customers: documents, sessions and a generated repository. */
package io.rillflow.samples.customers;
