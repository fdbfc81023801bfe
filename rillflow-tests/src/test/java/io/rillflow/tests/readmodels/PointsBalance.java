package io.rillflow.tests.readmodels;

import io.rillflow.annotations.Apply;
import io.rillflow.annotations.Document;
import io.rillflow.annotations.ReadModel;

/** A member's points, keyed by a number an event member holds (a primitive id). */
@Document
@ReadModel
public record PointsBalance(long id, int points) {

  @Apply(id = "memberNumber")
  static PointsBalance open(PointsEarned e) {
    return new PointsBalance(e.memberNumber(), e.points());
  }

  @Apply(id = "memberNumber")
  PointsBalance add(PointsEarned e) {
    return new PointsBalance(id, points + e.points());
  }
}
