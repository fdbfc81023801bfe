package io.rillflow.cli.app;

import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.ReadModel;
import io.rillflow.annotations.Lifecycle;

/** Each account's balance, kept by the daemon (async): the test application's projection "balances". */
@Document
@ReadModel(name = "balances", lifecycle = Lifecycle.ASYNC)
public record Balance(String id, long cents) {

  @Apply(id = "account")
  static Balance first(Deposited e) {
    return new Balance(e.account(), e.cents());
  }

  @Apply(id = "account")
  Balance next(Deposited e) {
    return new Balance(id, cents + e.cents());
  }
}
