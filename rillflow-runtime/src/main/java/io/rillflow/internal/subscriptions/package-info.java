/** How subscriptions run: partition leases, members, delivery, acknowledgements, dead letters. */
package io.rillflow.internal.subscriptions;
