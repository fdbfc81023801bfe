package io.rillflow.tests.queries;

import io.rillflow.DocumentStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Twelve books with values chosen so that every query of the corpus has a known answer. */
final class Library {
  static final Author TOLKIEN = new Author("J. R. R. Tolkien", "UK", 1892);
  static final Author LE_GUIN = new Author("Ursula K. Le Guin", "US", 1929);
  static final Author HERBERT = new Author("Frank Herbert", "US", 1920);
  static final Author LEM = new Author("Stanisław Lem", "PL", 1921);
  static final Author PRATCHETT = new Author("Terry Pratchett", "UK", 1948);
  static final Author KING = new Author("Stephen King", "US", 1947);

  static final List<Book> BOOKS = List.of(
      book("The Hobbit", "978-0-01", TOLKIEN, List.of("fantasy", "children"), Format.HARDCOVER, 310, "19.99", 4.7, "1937-09-21", true, "Middle-earth"),
      book("The Fellowship of the Ring", "978-0-02", TOLKIEN, List.of("fantasy", "epic"), Format.PAPERBACK, 423, "12.50", 4.8, "1954-07-29", true, "Middle-earth"),
      book("A Wizard of Earthsea", "978-0-03", LE_GUIN, List.of("fantasy"), Format.PAPERBACK, 183, "9.99", 4.4, "1968-11-01", true, "Earthsea"),
      book("The Left Hand of Darkness", "978-0-04", LE_GUIN, List.of("science fiction"), Format.EBOOK, 304, "7.99", 4.3, "1969-03-01", true, null),
      book("Dune", "978-0-05", HERBERT, List.of("science fiction", "epic"), Format.HARDCOVER, 412, "24.00", 4.6, "1965-08-01", true, "Dune"),
      book("Dune Messiah", "978-0-06", HERBERT, List.of("science fiction"), Format.PAPERBACK, 256, "10.00", 3.9, "1969-10-15", false, "Dune"),
      book("Solaris", "978-0-07", LEM, List.of("science fiction", "philosophy"), Format.EBOOK, 204, "6.50", 4.2, "1961-01-01", true, null),
      book("The Cyberiad", "978-0-08", LEM, List.of("science fiction", "humour"), Format.PAPERBACK, 295, "11.25", 4.1, "1965-01-01", false, null),
      book("Guards! Guards!", "978-0-09", PRATCHETT, List.of("fantasy", "humour"), Format.PAPERBACK, 416, "8.99", 4.5, "1989-11-01", true, "Discworld"),
      book("Small Gods", "978-0-10", PRATCHETT, List.of("fantasy", "humour", "philosophy"), Format.HARDCOVER, 400, "21.00", 4.6, "1992-05-01", true, "Discworld"),
      book("The Shining", "978-0-11", KING, List.of("horror"), Format.HARDCOVER, 447, "15.00", 4.3, "1977-01-28", true, null),
      book("Carrie", "978-0-12", KING, List.of(), Format.EBOOK, 199, "5.00", 3.8, "1974-04-05", false, null));

  private Library() {}

  private static Book book(String title, String isbn, Author author, List<String> genres, Format format, int pages,
      String price, double rating, String published, boolean inPrint, String series) {
    LocalDate date = LocalDate.parse(published);
    return new Book(UUID.nameUUIDFromBytes(title.getBytes(java.nio.charset.StandardCharsets.UTF_8)), title, isbn, author,
        genres, format, pages, new BigDecimal(price), rating, date, Instant.parse(date.plusYears(50) + "T12:00:00Z"),
        inPrint, series);
  }

  static void fill(DocumentStore store) {
    store.bulkInsert(BOOKS);
  }

  static List<String> titles(List<Book> books) {
    return books.stream().map(Book::title).toList();
  }
}
