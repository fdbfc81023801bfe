package io.rillflow.tests.documents;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import io.rillflow.annotations.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A mutable, versioned document with a String id and nested objects. */
@Document
public class Account {
  @Id private String number;
  @Version private long version;
  private String owner;
  private Tier tier;
  private BigDecimal balance;
  private Instant opened;
  private List<Entry> entries = new ArrayList<>();

  private Account() {}

  public Account(String number, String owner, BigDecimal balance, Instant opened) {
    this.number = number;
    this.owner = owner;
    this.balance = balance;
    this.opened = opened;
    this.tier = Tier.BASIC;
  }

  public String getNumber() { return number; }
  public long getVersion() { return version; }
  public void setVersion(long version) { this.version = version; }
  public String getOwner() { return owner; }
  public void setOwner(String owner) { this.owner = owner; }
  public Tier getTier() { return tier; }
  public BigDecimal getBalance() { return balance; }
  public Instant getOpened() { return opened; }
  public List<Entry> getEntries() { return entries; }

  public void post(String text, BigDecimal amount) {
    entries.add(new Entry(text, amount));
    balance = balance.add(amount);
  }

  /** A nested mutable object in a list. */
  public static class Entry {
    private String text;
    private BigDecimal amount;

    Entry() {}

    Entry(String text, BigDecimal amount) {
      this.text = text;
      this.amount = amount;
    }

    public String getText() { return text; }
    public BigDecimal getAmount() { return amount; }
  }
}
