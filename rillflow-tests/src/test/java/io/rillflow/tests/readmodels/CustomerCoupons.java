package io.rillflow.tests.readmodels;

import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.ReadModel;
import java.util.ArrayList;
import java.util.List;

/** The coupons each customer got: an event naming several customers changes each one's document. */
@Document
@ReadModel
public class CustomerCoupons {
  String id;
  List<String> codes = new ArrayList<>();

  @Apply(id = "customerIds")
  void sent(CouponSent e) {
    codes.add(e.code());
  }
}
