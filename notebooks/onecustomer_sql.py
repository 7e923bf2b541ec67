"""Read the warehouse's tables from Python through the SQL endpoint (bin/serve), over JDBC.

    from onecustomer_sql import query
    customers = query("SELECT segment, count(*) AS n FROM gold.rfm_segments GROUP BY segment")

The endpoint is Spark's Thrift server (HiveServer2 protocol), the one BI tools use; Python talks
to it through the Hive JDBC driver in a JVM started by JPype (Debian: python3-jpype). No Spark,
no subprocess, no second copy of the data: the server reads the Delta tables, the notebook gets
a pandas DataFrame of the result.

Settings (environment variables):
  ONECUSTOMER_JDBC_URL        default jdbc:hive2://127.0.0.1:10000/gold (bin/serve's default)
  ONECUSTOMER_JDBC_USER       default the login name; the endpoint does not check it on 127.0.0.1
  ONECUSTOMER_JDBC_CLASSPATH  the Hive JDBC driver's jars (os.pathsep-separated); default: the
                              project's build classpath (jobs/target/classpath.txt, which
                              `mvn package` or any bin/ command writes), or a standalone
                              driver such as hive-jdbc-2.3.9-standalone.jar on another machine
"""

import getpass
import os

import jpype
import pandas as pd

URL = os.environ.get("ONECUSTOMER_JDBC_URL", "jdbc:hive2://127.0.0.1:10000/gold")
_HERE = os.path.dirname(os.path.abspath(__file__))
_HOME = os.environ.get("ONECUSTOMER_HOME", os.path.dirname(_HERE))
_connection = None


def _classpath():
    # Debian's python3-jpype keeps its own support jar there, and JPype needs it on the classpath.
    support = [p for p in ("/usr/share/java/org.jpype.jar",) if os.path.exists(p)]
    return support + _driver()


def _driver():
    given = os.environ.get("ONECUSTOMER_JDBC_CLASSPATH")
    if given:
        return given.split(os.pathsep)
    built = os.path.join(_HOME, "jobs", "target", "classpath.txt")
    if not os.path.exists(built):
        raise RuntimeError("no Hive JDBC driver: set ONECUSTOMER_JDBC_CLASSPATH to its jars, or build the project"
                           " (mvn -DskipTests package writes " + built + ")")
    with open(built) as f:
        return [p for p in f.read().strip().split(":") if p]


def connect():
    """The notebook's one JDBC connection to the endpoint (opened on first use)."""
    global _connection
    if _connection is None or _connection.isClosed():
        if not jpype.isJVMStarted():
            # Quiet logging: the driver's INFO lines would land in every cell's output.
            jpype.startJVM("-Xmx512m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                           "-Dlog4j2.level=WARN", classpath=_classpath(), convertStrings=True)
        jpype.JClass("java.lang.Class").forName("org.apache.hive.jdbc.HiveDriver")
        user = os.environ.get("ONECUSTOMER_JDBC_USER", getpass.getuser())
        try:
            _connection = jpype.JClass("java.sql.DriverManager").getConnection(URL, user, "")
        except Exception as e:  # the driver's SQLException, with the reason in its message
            raise RuntimeError("cannot connect to the SQL endpoint at " + URL + " (is bin/serve running?): "
                               + str(e)) from None
    return _connection


_NUMBERS = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT"}
_REALS = {"FLOAT", "REAL", "DOUBLE", "DECIMAL", "NUMERIC"}


def query(sql):
    """Runs one statement and returns its rows as a pandas DataFrame.

    Column types follow the table: whole numbers as nullable Int64, decimals (money) and doubles as
    float, dates and timestamps as datetime64, booleans as bool, arrays and structs as their JSON
    text (as the driver returns them), anything else as str. NULL is pandas' missing value.
    """
    stmt = connect().createStatement()
    jdbc_type = jpype.JClass("java.sql.JDBCType")
    try:
        rs = stmt.executeQuery(sql)
        md = rs.getMetaData()
        n = md.getColumnCount()
        names = [str(md.getColumnLabel(i)) for i in range(1, n + 1)]
        types = [str(jdbc_type.valueOf(md.getColumnType(i)).getName()) for i in range(1, n + 1)]
        rows = []
        while rs.next():
            rows.append([rs.getString(i) for i in range(1, n + 1)])
    except Exception as e:  # the server's message first; its stack trace stays in the server's log
        message = str(e).split("\n\tat ")[0].strip()
        raise RuntimeError("query failed: " + message + "\nin: " + sql) from None
    finally:
        stmt.close()
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    for name, kind in zip(names, types):
        col = frame[name]
        if kind in _NUMBERS:
            frame[name] = pd.to_numeric(col).astype("Int64")
        elif kind in _REALS:
            frame[name] = pd.to_numeric(col).astype(float)
        elif kind in ("DATE", "TIMESTAMP"):
            frame[name] = pd.to_datetime(col)
        elif kind == "BOOLEAN":
            frame[name] = col.map({"true": True, "false": False})
        else:
            frame[name] = col.where(col.notna(), None)
    return frame


def scalar(sql):
    """The first column of the first row of a query (None when there is no row)."""
    frame = query(sql)
    return None if frame.empty else frame.iat[0, 0]
