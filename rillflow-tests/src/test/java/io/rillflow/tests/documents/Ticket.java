package io.rillflow.tests.documents;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Version;

/** A versioned record with an int id: a save hands back a copy at the new version. */
@Document(table = "tickets")
public record Ticket(int id, String title, @Version int version) {

  public Ticket retitled(String newTitle) {
    return new Ticket(id, newTitle, version);
  }
}
