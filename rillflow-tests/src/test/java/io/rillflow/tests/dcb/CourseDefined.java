package io.rillflow.tests.dcb;

import io.rillflow.annotations.Event;
import io.rillflow.annotations.Tag;

@Event
public record CourseDefined(@Tag("course") String courseId, int capacity) {}
