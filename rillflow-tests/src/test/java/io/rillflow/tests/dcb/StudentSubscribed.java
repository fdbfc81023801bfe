package io.rillflow.tests.dcb;

import io.rillflow.annotations.Event;
import io.rillflow.annotations.Tag;

@Event
public record StudentSubscribed(@Tag("course") String courseId, @Tag("student") StudentId student) {}
