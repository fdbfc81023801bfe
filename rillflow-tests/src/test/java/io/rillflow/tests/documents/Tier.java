package io.rillflow.tests.documents;

public enum Tier { BASIC, GOLD, VIP }
