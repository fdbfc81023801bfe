/** Orders: an event-sourced stream per order, with an upcast for an older shape of OrderPlaced. */
package io.rillflow.samples.orders;
