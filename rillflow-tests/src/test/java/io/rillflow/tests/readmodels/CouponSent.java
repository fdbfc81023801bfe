package io.rillflow.tests.readmodels;

import io.rillflow.annotations.Event;
import java.util.Set;

/** A coupon went to several customers at once: one event, a document per customer. */
@Event
public record CouponSent(Set<String> customerIds, String code) {}
