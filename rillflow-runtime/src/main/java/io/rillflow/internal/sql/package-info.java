/** SQL text: identifiers, and the statements the runtime itself writes. */
package io.rillflow.internal.sql;
