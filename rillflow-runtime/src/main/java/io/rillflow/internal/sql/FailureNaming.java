package io.rillflow.internal.sql;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Wraps a connection, and the statements and result sets it hands out, so that a failure of the
 * connection itself (SQL state class {@code 08}, or {@code 57P01}-{@code 57P03}: the server shut down,
 * was cut off or does not accept connections) names what the connection serves. Every other failure
 * passes through as the driver threw it (callers read the driver's unique-violation details).
 * {@code unwrap} reaches the driver's connection, for COPY and LISTEN.
 */
final class FailureNaming implements InvocationHandler {
  private final Object target;
  private final String description;

  private FailureNaming(Object target, String description) {
    this.target = target;
    this.description = description;
  }

  static Connection connection(Connection connection, String description) {
    return wrap(Connection.class, connection, description);
  }

  private static <T> T wrap(Class<T> type, T target, String description) {
    return type.cast(Proxy.newProxyInstance(FailureNaming.class.getClassLoader(), new Class<?>[] {type},
        new FailureNaming(target, description)));
  }

  /** The exception as thrown, or, for a lost or refused connection, one naming {@code description}. */
  static SQLException named(SQLException e, String description) {
    String state = e.getSQLState();
    boolean connectionLost = state != null && (state.startsWith("08") || state.startsWith("57P0"));
    String message = String.valueOf(e.getMessage());
    if (!connectionLost || message.startsWith(description)) {
      return e;
    }
    return new SQLException(description + ": " + message, state, e.getErrorCode(), e);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    if (method.getName().equals("equals") && args != null && args.length == 1) {
      return proxy == args[0];
    }
    if (method.getName().equals("hashCode") && method.getParameterCount() == 0) {
      return System.identityHashCode(proxy);
    }
    Object result;
    try {
      result = method.invoke(target, args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      throw cause instanceof SQLException sql ? named(sql, description) : cause;
    }
    if (method.getName().equals("unwrap") || result == null) {
      return result;
    }
    Class<?> returned = method.getReturnType();
    if (returned == CallableStatement.class) {
      return wrap(CallableStatement.class, (CallableStatement) result, description);
    }
    if (returned == PreparedStatement.class) {
      return wrap(PreparedStatement.class, (PreparedStatement) result, description);
    }
    if (returned == Statement.class) {
      return wrap(Statement.class, (Statement) result, description);
    }
    if (returned == ResultSet.class) {
      return wrap(ResultSet.class, (ResultSet) result, description);
    }
    if (returned == Connection.class) {
      return wrap(Connection.class, (Connection) result, description);
    }
    return result;
  }
}
