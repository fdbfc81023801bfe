package io.rillflow.samples.customers;

/** How much a customer buys; stored as its name. */
public enum Tier { BASIC, GOLD, VIP }
