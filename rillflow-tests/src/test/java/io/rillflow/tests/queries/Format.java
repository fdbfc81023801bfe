package io.rillflow.tests.queries;

public enum Format { HARDCOVER, PAPERBACK, EBOOK }
