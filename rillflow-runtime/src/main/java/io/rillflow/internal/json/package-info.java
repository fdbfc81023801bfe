/** Jackson as the store uses it, per class. */
package io.rillflow.internal.json;
