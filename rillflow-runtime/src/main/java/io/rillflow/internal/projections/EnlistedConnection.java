package io.rillflow.internal.projections;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * A connection already in a transaction someone else owns (the daemon's batch, or the append that
 * runs inline projections), handed to code that manages its own transactions: sessions, queries.
 * Closing it, committing, rolling back and switching autocommit do nothing, so that code joins the
 * owner's transaction instead of ending it; a failure still reaches the owner as an exception, and
 * the owner rolls back. Savepoints pass through.
 */
final class EnlistedConnection implements Connection {
  private final Connection connection;

  EnlistedConnection(Connection connection) {
    this.connection = connection;
  }

  @Override
  public void setAutoCommit(boolean autoCommit) {
    // The owner's transaction stays open.
  }

  @Override
  public boolean getAutoCommit() {
    return false;
  }

  @Override
  public void commit() {
    // The owner commits.
  }

  @Override
  public void rollback() {
    // The owner rolls back: the exception that made the caller roll back reaches it.
  }

  @Override
  public void close() {
    // The owner closes.
  }

  @Override
  public boolean isClosed() throws SQLException {
    return connection.isClosed();
  }

  @Override
  public void abort(Executor executor) {
    // The owner decides.
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return connection.unwrap(type);
  }

  @Override
  public Statement createStatement() throws SQLException {
    return connection.createStatement();
  }

  @Override
  public PreparedStatement prepareStatement(String a0) throws SQLException {
    return connection.prepareStatement(a0);
  }

  @Override
  public CallableStatement prepareCall(String a0) throws SQLException {
    return connection.prepareCall(a0);
  }

  @Override
  public String nativeSQL(String a0) throws SQLException {
    return connection.nativeSQL(a0);
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    return connection.getMetaData();
  }

  @Override
  public void setReadOnly(boolean a0) throws SQLException {
    connection.setReadOnly(a0);
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    return connection.isReadOnly();
  }

  @Override
  public void setCatalog(String a0) throws SQLException {
    connection.setCatalog(a0);
  }

  @Override
  public String getCatalog() throws SQLException {
    return connection.getCatalog();
  }

  @Override
  public void setTransactionIsolation(int a0) throws SQLException {
    connection.setTransactionIsolation(a0);
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    return connection.getTransactionIsolation();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    return connection.getWarnings();
  }

  @Override
  public void clearWarnings() throws SQLException {
    connection.clearWarnings();
  }

  @Override
  public Statement createStatement(int a0, int a1) throws SQLException {
    return connection.createStatement(a0, a1);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2) throws SQLException {
    return connection.prepareStatement(a0, a1, a2);
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2) throws SQLException {
    return connection.prepareCall(a0, a1, a2);
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    return connection.getTypeMap();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> a0) throws SQLException {
    connection.setTypeMap(a0);
  }

  @Override
  public void setHoldability(int a0) throws SQLException {
    connection.setHoldability(a0);
  }

  @Override
  public int getHoldability() throws SQLException {
    return connection.getHoldability();
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return connection.setSavepoint();
  }

  @Override
  public Savepoint setSavepoint(String a0) throws SQLException {
    return connection.setSavepoint(a0);
  }

  @Override
  public void rollback(Savepoint a0) throws SQLException {
    connection.rollback(a0);
  }

  @Override
  public void releaseSavepoint(Savepoint a0) throws SQLException {
    connection.releaseSavepoint(a0);
  }

  @Override
  public Statement createStatement(int a0, int a1, int a2) throws SQLException {
    return connection.createStatement(a0, a1, a2);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1, int a2, int a3) throws SQLException {
    return connection.prepareStatement(a0, a1, a2, a3);
  }

  @Override
  public CallableStatement prepareCall(String a0, int a1, int a2, int a3) throws SQLException {
    return connection.prepareCall(a0, a1, a2, a3);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int a1) throws SQLException {
    return connection.prepareStatement(a0, a1);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, int[] a1) throws SQLException {
    return connection.prepareStatement(a0, a1);
  }

  @Override
  public PreparedStatement prepareStatement(String a0, String[] a1) throws SQLException {
    return connection.prepareStatement(a0, a1);
  }

  @Override
  public Clob createClob() throws SQLException {
    return connection.createClob();
  }

  @Override
  public Blob createBlob() throws SQLException {
    return connection.createBlob();
  }

  @Override
  public NClob createNClob() throws SQLException {
    return connection.createNClob();
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    return connection.createSQLXML();
  }

  @Override
  public boolean isValid(int a0) throws SQLException {
    return connection.isValid(a0);
  }

  @Override
  public void setClientInfo(String a0, String a1) throws SQLClientInfoException {
    connection.setClientInfo(a0, a1);
  }

  @Override
  public void setClientInfo(Properties a0) throws SQLClientInfoException {
    connection.setClientInfo(a0);
  }

  @Override
  public String getClientInfo(String a0) throws SQLException {
    return connection.getClientInfo(a0);
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    return connection.getClientInfo();
  }

  @Override
  public Array createArrayOf(String a0, Object[] a1) throws SQLException {
    return connection.createArrayOf(a0, a1);
  }

  @Override
  public Struct createStruct(String a0, Object[] a1) throws SQLException {
    return connection.createStruct(a0, a1);
  }

  @Override
  public void setSchema(String a0) throws SQLException {
    connection.setSchema(a0);
  }

  @Override
  public String getSchema() throws SQLException {
    return connection.getSchema();
  }

  @Override
  public void setNetworkTimeout(Executor a0, int a1) throws SQLException {
    connection.setNetworkTimeout(a0, a1);
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    return connection.getNetworkTimeout();
  }

  @Override
  public void beginRequest() throws SQLException {
    connection.beginRequest();
  }

  @Override
  public void endRequest() throws SQLException {
    connection.endRequest();
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey a0, ShardingKey a1, int a2) throws SQLException {
    return connection.setShardingKeyIfValid(a0, a1, a2);
  }

  @Override
  public boolean setShardingKeyIfValid(ShardingKey a0, int a1) throws SQLException {
    return connection.setShardingKeyIfValid(a0, a1);
  }

  @Override
  public void setShardingKey(ShardingKey a0, ShardingKey a1) throws SQLException {
    connection.setShardingKey(a0, a1);
  }

  @Override
  public void setShardingKey(ShardingKey a0) throws SQLException {
    connection.setShardingKey(a0);
  }

  @Override
  public boolean isWrapperFor(Class<?> a0) throws SQLException {
    return connection.isWrapperFor(a0);
  }

}
