package io.rillflow.tests.startup;

import io.rillflow.annotations.Document;
import java.util.UUID;

@Document
public record Person(UUID id, String name) {}
