package io.rillflow.tests.documents;

import io.rillflow.annotations.Document;
import java.util.UUID;

/** Soft-deleted, with a UUID id the store assigns. */
@Document(softDelete = true)
public class Note {
  UUID id;
  String text;

  Note() {}

  public Note(String text) {
    this.text = text;
  }

  public UUID id() { return id; }
  public String text() { return text; }
}
