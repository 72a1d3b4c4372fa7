namespace HikubePortal.Application.Credentials.Snippets;

/// <summary>The data tools: DuckDB (httpfs), Apache Spark (s3a), pandas and pyarrow (s3fs).</summary>
public static partial class ConnectionSnippets
{
    public static ClientSnippet DuckDb(ConnectionDetails d) => new(
        "duckdb", "DuckDB",
        "Run in the duckdb shell (or any DuckDB client): the secret lasts for the session; add PERSISTENT to keep it in ~/.duckdb.",
        [
            new("Create the secret", "sql", $"""
                INSTALL httpfs;
                LOAD httpfs;
                CREATE OR REPLACE SECRET {SqlName(d)} (
                    TYPE s3,
                    KEY_ID {Quote.Sql(d.AccessKey)},
                    SECRET {Quote.Sql(d.SecretKey)},
                    REGION {Quote.Sql(d.Region)},
                    ENDPOINT {Quote.Sql(d.HostAndPort)},
                    URL_STYLE 'path',
                    USE_SSL {(d.UsesHttps ? "true" : "false")},
                    SCOPE {Quote.Sql($"s3://{d.BucketName}")}
                );

                """),
            new("Try it", "sql", $"""
                COPY (SELECT 42 AS answer) TO {Quote.Sql($"s3://{d.BucketName}/duckdb/answer.parquet")};
                SELECT * FROM read_parquet({Quote.Sql($"s3://{d.BucketName}/duckdb/*.parquet")});

                """),
        ]);

    public static ClientSnippet Spark(ConnectionDetails d) => new(
        "spark", "Apache Spark",
        "Append to $SPARK_HOME/conf/spark-defaults.conf (needs the hadoop-aws package of your Hadoop version on the classpath).",
        [
            new("spark-defaults.conf", "properties", $"""
                spark.hadoop.fs.s3a.impl                      org.apache.hadoop.fs.s3a.S3AFileSystem
                spark.hadoop.fs.s3a.endpoint                  {Quote.Properties(d.EndpointUrl)}
                spark.hadoop.fs.s3a.endpoint.region           {Quote.Properties(d.Region)}
                spark.hadoop.fs.s3a.access.key                {Quote.Properties(d.AccessKey)}
                spark.hadoop.fs.s3a.secret.key                {Quote.Properties(d.SecretKey)}
                spark.hadoop.fs.s3a.path.style.access         true
                spark.hadoop.fs.s3a.connection.ssl.enabled    {(d.UsesHttps ? "true" : "false")}

                """),
            new("Try it (pyspark)", "python", $$"""
                from pyspark.sql import SparkSession

                spark = SparkSession.builder.appName("hikube").getOrCreate()
                spark.range(3).write.mode("overwrite").parquet({{Quote.Json($"s3a://{d.BucketName}/spark/range")}})
                spark.read.parquet({{Quote.Json($"s3a://{d.BucketName}/spark/range")}}).show()

                """),
        ]);

    public static ClientSnippet Pandas(ConnectionDetails d) => new(
        "pandas", "pandas / pyarrow",
        "pip install pandas pyarrow s3fs, then in your Python code (better: read the keys from environment variables).",
        [
            new("read_with_pandas.py", "python", $$"""
                import pandas as pd
                import pyarrow.parquet as pq
                import s3fs

                storage_options = {
                    "key": {{Quote.Json(d.AccessKey)}},
                    "secret": {{Quote.Json(d.SecretKey)}},
                    "client_kwargs": {"endpoint_url": {{Quote.Json(d.EndpointUrl)}}, "region_name": {{Quote.Json(d.Region)}}},
                    "config_kwargs": {"s3": {"addressing_style": "path"} },
                }

                # pandas (through fsspec and s3fs)
                pd.DataFrame({"answer": [42]}).to_csv({{Quote.Json($"s3://{d.BucketName}/pandas/answer.csv")}}, index=False, storage_options=storage_options)
                print(pd.read_csv({{Quote.Json($"s3://{d.BucketName}/pandas/answer.csv")}}, storage_options=storage_options))

                # pyarrow, on the same s3fs file system
                fs = s3fs.S3FileSystem(**storage_options)
                print(pq.read_table({{Quote.Json($"{d.BucketName}/pandas/data.parquet")}}, filesystem=fs) if fs.exists({{Quote.Json($"{d.BucketName}/pandas/data.parquet")}}) else "no data.parquet yet")

                """),
        ]);

    /// <summary>A DuckDB secret name: the profile name with underscores (letters, digits and '-' only, so always an identifier).</summary>
    private static string SqlName(ConnectionDetails d) => d.Name.Replace('-', '_');
}
