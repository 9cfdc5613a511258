-- spend
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."spend") AS DOUBLE) AS "spend"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."spend",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."spend_base") AS "spend"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."spend", 0.0) AS "spend"
FROM (
  SELECT
    "t8"."period",
    "t6"."spend"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- impressions
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."impressions") AS DOUBLE) AS "impressions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."impressions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."impressions") AS "impressions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."impressions", 0.0) AS "impressions"
FROM (
  SELECT
    "t8"."period",
    "t6"."impressions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- clicks
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."clicks") AS DOUBLE) AS "clicks"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."clicks",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."clicks") AS "clicks"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."clicks", 0.0) AS "clicks"
FROM (
  SELECT
    "t8"."period",
    "t6"."clicks"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- conversions
WITH "t4" AS (
  SELECT
    "t3"."period",
    SUM("t3"."conversions") AS "conversions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."conversions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."conversions") AS "conversions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."conversions", 0.0) AS "conversions"
FROM (
  SELECT
    "t8"."period",
    "t6"."conversions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- conversion_value
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."conversion_value") AS DOUBLE) AS "conversion_value"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."conversion_value",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."conversion_value_base") AS "conversion_value"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."conversion_value", 0.0) AS "conversion_value"
FROM (
  SELECT
    "t8"."period",
    "t6"."conversion_value"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- reach
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."reach") AS DOUBLE) AS "reach"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."reach",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."reach") AS "reach"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."reach", 0.0) AS "reach"
FROM (
  SELECT
    "t8"."period",
    "t6"."reach"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- video_views
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."video_views") AS DOUBLE) AS "video_views"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."video_views",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."video_views") AS "video_views"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."video_views", 0.0) AS "video_views"
FROM (
  SELECT
    "t8"."period",
    "t6"."video_views"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- ctr
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."clicks") AS DOUBLE) AS "clicks",
    CAST(SUM("t3"."impressions") AS DOUBLE) AS "impressions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."clicks",
      "t2"."impressions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."clicks") AS "clicks",
        SUM("t1"."impressions") AS "impressions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."clicks", 0.0) / NULLIF(COALESCE("t9"."impressions", 0.0), 0) AS "ctr"
FROM (
  SELECT
    "t8"."period",
    "t6"."clicks",
    "t6"."impressions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- cpc
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."spend") AS DOUBLE) AS "spend",
    CAST(SUM("t3"."clicks") AS DOUBLE) AS "clicks"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."spend",
      "t2"."clicks",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."spend_base") AS "spend",
        SUM("t1"."clicks") AS "clicks"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."spend", 0.0) / NULLIF(COALESCE("t9"."clicks", 0.0), 0) AS "cpc"
FROM (
  SELECT
    "t8"."period",
    "t6"."spend",
    "t6"."clicks"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- cpm
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."spend") AS DOUBLE) AS "spend",
    CAST(SUM("t3"."impressions") AS DOUBLE) AS "impressions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."spend",
      "t2"."impressions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."spend_base") AS "spend",
        SUM("t1"."impressions") AS "impressions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  (
    COALESCE("t9"."spend", 0.0) * 1000
  ) / NULLIF(COALESCE("t9"."impressions", 0.0), 0) AS "cpm"
FROM (
  SELECT
    "t8"."period",
    "t6"."spend",
    "t6"."impressions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- conversion_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    SUM("t3"."conversions") AS "conversions",
    CAST(SUM("t3"."clicks") AS DOUBLE) AS "clicks"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."conversions",
      "t2"."clicks",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."conversions") AS "conversions",
        SUM("t1"."clicks") AS "clicks"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."conversions", 0.0) / NULLIF(COALESCE("t9"."clicks", 0.0), 0) AS "conversion_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."conversions",
    "t6"."clicks"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- cpa
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."spend") AS DOUBLE) AS "spend",
    SUM("t3"."conversions") AS "conversions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."spend",
      "t2"."conversions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."spend_base") AS "spend",
        SUM("t1"."conversions") AS "conversions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."spend", 0.0) / NULLIF(COALESCE("t9"."conversions", 0.0), 0) AS "cpa"
FROM (
  SELECT
    "t8"."period",
    "t6"."spend",
    "t6"."conversions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- platform_roas
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."conversion_value") AS DOUBLE) AS "conversion_value",
    CAST(SUM("t3"."spend") AS DOUBLE) AS "spend"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."conversion_value",
      "t2"."spend",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."conversion_value_base") AS "conversion_value",
        SUM("t1"."spend_base") AS "spend"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."conversion_value", 0.0) / NULLIF(COALESCE("t9"."spend", 0.0), 0) AS "platform_roas"
FROM (
  SELECT
    "t8"."period",
    "t6"."conversion_value",
    "t6"."spend"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- revenue
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."revenue") AS DOUBLE) AS "revenue"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."revenue",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."revenue_base") AS "revenue"
      FROM (
        SELECT
          "t0"."order_id",
          "t0"."customer_id",
          "t0"."ordered_at",
          "t0"."currency",
          "t0"."revenue",
          "t0"."gross_margin",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."is_first_order",
          "t0"."revenue_base",
          "t0"."gross_margin_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."ordered_at" AS DATE) AS "_day"
        FROM "orders" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."revenue", 0.0) AS "revenue"
FROM (
  SELECT
    "t8"."period",
    "t6"."revenue"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- gross_margin
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."gross_margin") AS DOUBLE) AS "gross_margin"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."gross_margin",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."gross_margin_base") AS "gross_margin"
      FROM (
        SELECT
          "t0"."order_id",
          "t0"."customer_id",
          "t0"."ordered_at",
          "t0"."currency",
          "t0"."revenue",
          "t0"."gross_margin",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."is_first_order",
          "t0"."revenue_base",
          "t0"."gross_margin_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."ordered_at" AS DATE) AS "_day"
        FROM "orders" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."gross_margin", 0.0) AS "gross_margin"
FROM (
  SELECT
    "t8"."period",
    "t6"."gross_margin"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- orders
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."orders") AS DOUBLE) AS "orders"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."orders",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        COUNT(*) AS "orders"
      FROM (
        SELECT
          "t0"."order_id",
          "t0"."customer_id",
          "t0"."ordered_at",
          "t0"."currency",
          "t0"."revenue",
          "t0"."gross_margin",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."is_first_order",
          "t0"."revenue_base",
          "t0"."gross_margin_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."ordered_at" AS DATE) AS "_day"
        FROM "orders" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."orders", 0.0) AS "orders"
FROM (
  SELECT
    "t8"."period",
    "t6"."orders"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- new_customers
WITH "t2" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(DISTINCT "t1"."customer_id") FILTER(WHERE
      "t1"."is_first_order") AS DOUBLE) AS "new_customers"
  FROM (
    SELECT
      "t0"."order_id",
      "t0"."customer_id",
      "t0"."ordered_at",
      "t0"."currency",
      "t0"."revenue",
      "t0"."gross_margin",
      "t0"."channel",
      "t0"."source",
      "t0"."medium",
      "t0"."campaign",
      "t0"."source_campaign",
      "t0"."is_first_order",
      "t0"."revenue_base",
      "t0"."gross_margin_base",
      "t0"."attributes",
      "t0"."_source",
      "t0"."_loaded_at",
      "t0"."_load_id",
      CAST("t0"."ordered_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."ordered_at" AS DATE)) AS "period"
    FROM "orders" AS "t0"
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."new_customers", 0.0) AS "new_customers"
FROM (
  SELECT
    "t6"."period",
    "t4"."new_customers"
  FROM (
    SELECT
      "t3"."period"
    FROM "t2" AS "t3"
  ) AS "t6"
  LEFT OUTER JOIN "t2" AS "t4"
    ON "t6"."period" = "t4"."period"
) AS "t7"
ORDER BY
  "t7"."period" ASC;

-- aov
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."revenue") AS DOUBLE) AS "revenue",
    CAST(SUM("t3"."orders") AS DOUBLE) AS "orders"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."revenue",
      "t2"."orders",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."revenue_base") AS "revenue",
        COUNT(*) AS "orders"
      FROM (
        SELECT
          "t0"."order_id",
          "t0"."customer_id",
          "t0"."ordered_at",
          "t0"."currency",
          "t0"."revenue",
          "t0"."gross_margin",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."is_first_order",
          "t0"."revenue_base",
          "t0"."gross_margin_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."ordered_at" AS DATE) AS "_day"
        FROM "orders" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."revenue", 0.0) / NULLIF(COALESCE("t9"."orders", 0.0), 0) AS "aov"
FROM (
  SELECT
    "t8"."period",
    "t6"."revenue",
    "t6"."orders"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- roas
WITH "t8" AS (
  SELECT
    "t6"."period",
    CAST(SUM("t6"."spend") AS DOUBLE) AS "spend"
  FROM (
    SELECT
      "t4"."_day",
      "t4"."spend",
      DATE_TRUNC('MONTH', "t4"."_day") AS "period"
    FROM (
      SELECT
        "t2"."_day",
        SUM("t2"."spend_base") AS "spend"
      FROM (
        SELECT
          "t1"."date",
          "t1"."platform",
          "t1"."account",
          "t1"."channel",
          "t1"."campaign_id",
          "t1"."campaign",
          "t1"."source_campaign",
          "t1"."campaign_type",
          "t1"."ad_group",
          "t1"."ad",
          "t1"."currency",
          "t1"."spend",
          "t1"."impressions",
          "t1"."clicks",
          "t1"."conversions",
          "t1"."conversion_value",
          "t1"."reach",
          "t1"."video_views",
          "t1"."spend_base",
          "t1"."conversion_value_base",
          "t1"."attributes",
          "t1"."_source",
          "t1"."_loaded_at",
          "t1"."_load_id",
          "t1"."date" AS "_day"
        FROM "ad_performance" AS "t1"
      ) AS "t2"
      GROUP BY
        1
    ) AS "t4"
  ) AS "t6"
  GROUP BY
    1
), "t9" AS (
  SELECT
    "t7"."period",
    CAST(SUM("t7"."revenue") AS DOUBLE) AS "revenue"
  FROM (
    SELECT
      "t5"."_day",
      "t5"."revenue",
      DATE_TRUNC('MONTH', "t5"."_day") AS "period"
    FROM (
      SELECT
        "t3"."_day",
        SUM("t3"."revenue_base") AS "revenue"
      FROM (
        SELECT
          "t0"."order_id",
          "t0"."customer_id",
          "t0"."ordered_at",
          "t0"."currency",
          "t0"."revenue",
          "t0"."gross_margin",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."is_first_order",
          "t0"."revenue_base",
          "t0"."gross_margin_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."ordered_at" AS DATE) AS "_day"
        FROM "orders" AS "t0"
      ) AS "t3"
      GROUP BY
        1
    ) AS "t5"
  ) AS "t7"
  GROUP BY
    1
)
SELECT
  "t18"."period",
  COALESCE("t18"."revenue", 0.0) / NULLIF(COALESCE("t18"."spend", 0.0), 0) AS "roas"
FROM (
  SELECT
    "t17"."period",
    "t13"."revenue",
    "t12"."spend"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t11"."period"
      FROM "t9" AS "t11"
    ) AS "t15"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t10"."period"
      FROM "t8" AS "t10"
    ) AS "t14"
  ) AS "t17"
  LEFT OUTER JOIN "t9" AS "t13"
    ON "t17"."period" = "t13"."period"
  LEFT OUTER JOIN "t8" AS "t12"
    ON "t17"."period" = "t12"."period"
) AS "t18"
ORDER BY
  "t18"."period" ASC;

-- other_costs
WITH "t8" AS (
  SELECT
    "t6"."period",
    CAST(SUM("t6"."other_costs") AS DOUBLE) AS "other_costs"
  FROM (
    SELECT
      "t4"."_day",
      "t4"."other_costs",
      DATE_TRUNC('MONTH', "t4"."_day") AS "period"
    FROM (
      SELECT
        "t2"."_day",
        SUM("t2"."amount_base") AS "other_costs"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."category",
          "t0"."channel",
          "t0"."campaign",
          "t0"."description",
          "t0"."currency",
          "t0"."amount",
          "t0"."amount_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "costs" AS "t0"
      ) AS "t2"
      GROUP BY
        1
    ) AS "t4"
  ) AS "t6"
  GROUP BY
    1
), "t9" AS (
  SELECT
    "t7"."period",
    CAST(SUM("t7"."spend") AS DOUBLE) AS "spend"
  FROM (
    SELECT
      "t5"."_day",
      "t5"."spend",
      DATE_TRUNC('MONTH', "t5"."_day") AS "period"
    FROM (
      SELECT
        "t3"."_day",
        SUM("t3"."spend_base") AS "spend"
      FROM (
        SELECT
          "t1"."date",
          "t1"."platform",
          "t1"."account",
          "t1"."channel",
          "t1"."campaign_id",
          "t1"."campaign",
          "t1"."source_campaign",
          "t1"."campaign_type",
          "t1"."ad_group",
          "t1"."ad",
          "t1"."currency",
          "t1"."spend",
          "t1"."impressions",
          "t1"."clicks",
          "t1"."conversions",
          "t1"."conversion_value",
          "t1"."reach",
          "t1"."video_views",
          "t1"."spend_base",
          "t1"."conversion_value_base",
          "t1"."attributes",
          "t1"."_source",
          "t1"."_loaded_at",
          "t1"."_load_id",
          "t1"."date" AS "_day"
        FROM "ad_performance" AS "t1"
      ) AS "t3"
      GROUP BY
        1
    ) AS "t5"
  ) AS "t7"
  GROUP BY
    1
)
SELECT
  "t18"."period",
  COALESCE("t18"."other_costs", 0.0) AS "other_costs"
FROM (
  SELECT
    "t17"."period",
    "t12"."other_costs",
    "t13"."spend"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t10"."period"
      FROM "t8" AS "t10"
    ) AS "t14"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t11"."period"
      FROM "t9" AS "t11"
    ) AS "t15"
  ) AS "t17"
  LEFT OUTER JOIN "t8" AS "t12"
    ON "t17"."period" = "t12"."period"
  LEFT OUTER JOIN "t9" AS "t13"
    ON "t17"."period" = "t13"."period"
) AS "t18"
ORDER BY
  "t18"."period" ASC;

-- marketing_cost
WITH "t8" AS (
  SELECT
    "t6"."period",
    CAST(SUM("t6"."spend") AS DOUBLE) AS "spend"
  FROM (
    SELECT
      "t4"."_day",
      "t4"."spend",
      DATE_TRUNC('MONTH', "t4"."_day") AS "period"
    FROM (
      SELECT
        "t2"."_day",
        SUM("t2"."spend_base") AS "spend"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t2"
      GROUP BY
        1
    ) AS "t4"
  ) AS "t6"
  GROUP BY
    1
), "t9" AS (
  SELECT
    "t7"."period",
    CAST(SUM("t7"."other_costs") AS DOUBLE) AS "other_costs"
  FROM (
    SELECT
      "t5"."_day",
      "t5"."other_costs",
      DATE_TRUNC('MONTH', "t5"."_day") AS "period"
    FROM (
      SELECT
        "t3"."_day",
        SUM("t3"."amount_base") AS "other_costs"
      FROM (
        SELECT
          "t1"."date",
          "t1"."account",
          "t1"."category",
          "t1"."channel",
          "t1"."campaign",
          "t1"."description",
          "t1"."currency",
          "t1"."amount",
          "t1"."amount_base",
          "t1"."attributes",
          "t1"."_source",
          "t1"."_loaded_at",
          "t1"."_load_id",
          "t1"."date" AS "_day"
        FROM "costs" AS "t1"
      ) AS "t3"
      GROUP BY
        1
    ) AS "t5"
  ) AS "t7"
  GROUP BY
    1
)
SELECT
  "t18"."period",
  COALESCE("t18"."spend", 0.0) + COALESCE("t18"."other_costs", 0.0) AS "marketing_cost"
FROM (
  SELECT
    "t17"."period",
    "t12"."spend",
    "t13"."other_costs"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t10"."period"
      FROM "t8" AS "t10"
    ) AS "t14"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t11"."period"
      FROM "t9" AS "t11"
    ) AS "t15"
  ) AS "t17"
  LEFT OUTER JOIN "t8" AS "t12"
    ON "t17"."period" = "t12"."period"
  LEFT OUTER JOIN "t9" AS "t13"
    ON "t17"."period" = "t13"."period"
) AS "t18"
ORDER BY
  "t18"."period" ASC;

-- roi
WITH "t12" AS (
  SELECT
    "t9"."period",
    CAST(SUM("t9"."spend") AS DOUBLE) AS "spend"
  FROM (
    SELECT
      "t6"."_day",
      "t6"."spend",
      DATE_TRUNC('MONTH', "t6"."_day") AS "period"
    FROM (
      SELECT
        "t3"."_day",
        SUM("t3"."spend_base") AS "spend"
      FROM (
        SELECT
          "t1"."date",
          "t1"."platform",
          "t1"."account",
          "t1"."channel",
          "t1"."campaign_id",
          "t1"."campaign",
          "t1"."source_campaign",
          "t1"."campaign_type",
          "t1"."ad_group",
          "t1"."ad",
          "t1"."currency",
          "t1"."spend",
          "t1"."impressions",
          "t1"."clicks",
          "t1"."conversions",
          "t1"."conversion_value",
          "t1"."reach",
          "t1"."video_views",
          "t1"."spend_base",
          "t1"."conversion_value_base",
          "t1"."attributes",
          "t1"."_source",
          "t1"."_loaded_at",
          "t1"."_load_id",
          "t1"."date" AS "_day"
        FROM "ad_performance" AS "t1"
      ) AS "t3"
      GROUP BY
        1
    ) AS "t6"
  ) AS "t9"
  GROUP BY
    1
), "t13" AS (
  SELECT
    "t10"."period",
    CAST(SUM("t10"."other_costs") AS DOUBLE) AS "other_costs"
  FROM (
    SELECT
      "t7"."_day",
      "t7"."other_costs",
      DATE_TRUNC('MONTH', "t7"."_day") AS "period"
    FROM (
      SELECT
        "t4"."_day",
        SUM("t4"."amount_base") AS "other_costs"
      FROM (
        SELECT
          "t2"."date",
          "t2"."account",
          "t2"."category",
          "t2"."channel",
          "t2"."campaign",
          "t2"."description",
          "t2"."currency",
          "t2"."amount",
          "t2"."amount_base",
          "t2"."attributes",
          "t2"."_source",
          "t2"."_loaded_at",
          "t2"."_load_id",
          "t2"."date" AS "_day"
        FROM "costs" AS "t2"
      ) AS "t4"
      GROUP BY
        1
    ) AS "t7"
  ) AS "t10"
  GROUP BY
    1
), "t14" AS (
  SELECT
    "t11"."period",
    CAST(SUM("t11"."revenue") AS DOUBLE) AS "revenue"
  FROM (
    SELECT
      "t8"."_day",
      "t8"."revenue",
      DATE_TRUNC('MONTH', "t8"."_day") AS "period"
    FROM (
      SELECT
        "t5"."_day",
        SUM("t5"."revenue_base") AS "revenue"
      FROM (
        SELECT
          "t0"."order_id",
          "t0"."customer_id",
          "t0"."ordered_at",
          "t0"."currency",
          "t0"."revenue",
          "t0"."gross_margin",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."is_first_order",
          "t0"."revenue_base",
          "t0"."gross_margin_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."ordered_at" AS DATE) AS "_day"
        FROM "orders" AS "t0"
      ) AS "t5"
      GROUP BY
        1
    ) AS "t8"
  ) AS "t11"
  GROUP BY
    1
)
SELECT
  "t27"."period",
  (
    COALESCE("t27"."revenue", 0.0) - (
      COALESCE("t27"."spend", 0.0) + COALESCE("t27"."other_costs", 0.0)
    )
  ) / NULLIF(COALESCE("t27"."spend", 0.0) + COALESCE("t27"."other_costs", 0.0), 0) AS "roi"
FROM (
  SELECT
    "t26"."period",
    "t20"."revenue",
    "t18"."spend",
    "t19"."other_costs"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t16"."period"
      FROM "t13" AS "t16"
    ) AS "t22"
    UNION
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t17"."period"
        FROM "t14" AS "t17"
      ) AS "t23"
      UNION
      SELECT
        *
      FROM (
        SELECT
          "t15"."period"
        FROM "t12" AS "t15"
      ) AS "t21"
    ) AS "t24"
  ) AS "t26"
  LEFT OUTER JOIN "t14" AS "t20"
    ON "t26"."period" = "t20"."period"
  LEFT OUTER JOIN "t12" AS "t18"
    ON "t26"."period" = "t18"."period"
  LEFT OUTER JOIN "t13" AS "t19"
    ON "t26"."period" = "t19"."period"
) AS "t27"
ORDER BY
  "t27"."period" ASC;

-- roi_margin
WITH "t12" AS (
  SELECT
    "t9"."period",
    CAST(SUM("t9"."spend") AS DOUBLE) AS "spend"
  FROM (
    SELECT
      "t6"."_day",
      "t6"."spend",
      DATE_TRUNC('MONTH', "t6"."_day") AS "period"
    FROM (
      SELECT
        "t3"."_day",
        SUM("t3"."spend_base") AS "spend"
      FROM (
        SELECT
          "t1"."date",
          "t1"."platform",
          "t1"."account",
          "t1"."channel",
          "t1"."campaign_id",
          "t1"."campaign",
          "t1"."source_campaign",
          "t1"."campaign_type",
          "t1"."ad_group",
          "t1"."ad",
          "t1"."currency",
          "t1"."spend",
          "t1"."impressions",
          "t1"."clicks",
          "t1"."conversions",
          "t1"."conversion_value",
          "t1"."reach",
          "t1"."video_views",
          "t1"."spend_base",
          "t1"."conversion_value_base",
          "t1"."attributes",
          "t1"."_source",
          "t1"."_loaded_at",
          "t1"."_load_id",
          "t1"."date" AS "_day"
        FROM "ad_performance" AS "t1"
      ) AS "t3"
      GROUP BY
        1
    ) AS "t6"
  ) AS "t9"
  GROUP BY
    1
), "t13" AS (
  SELECT
    "t10"."period",
    CAST(SUM("t10"."other_costs") AS DOUBLE) AS "other_costs"
  FROM (
    SELECT
      "t7"."_day",
      "t7"."other_costs",
      DATE_TRUNC('MONTH', "t7"."_day") AS "period"
    FROM (
      SELECT
        "t4"."_day",
        SUM("t4"."amount_base") AS "other_costs"
      FROM (
        SELECT
          "t2"."date",
          "t2"."account",
          "t2"."category",
          "t2"."channel",
          "t2"."campaign",
          "t2"."description",
          "t2"."currency",
          "t2"."amount",
          "t2"."amount_base",
          "t2"."attributes",
          "t2"."_source",
          "t2"."_loaded_at",
          "t2"."_load_id",
          "t2"."date" AS "_day"
        FROM "costs" AS "t2"
      ) AS "t4"
      GROUP BY
        1
    ) AS "t7"
  ) AS "t10"
  GROUP BY
    1
), "t14" AS (
  SELECT
    "t11"."period",
    CAST(SUM("t11"."gross_margin") AS DOUBLE) AS "gross_margin"
  FROM (
    SELECT
      "t8"."_day",
      "t8"."gross_margin",
      DATE_TRUNC('MONTH', "t8"."_day") AS "period"
    FROM (
      SELECT
        "t5"."_day",
        SUM("t5"."gross_margin_base") AS "gross_margin"
      FROM (
        SELECT
          "t0"."order_id",
          "t0"."customer_id",
          "t0"."ordered_at",
          "t0"."currency",
          "t0"."revenue",
          "t0"."gross_margin",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."is_first_order",
          "t0"."revenue_base",
          "t0"."gross_margin_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."ordered_at" AS DATE) AS "_day"
        FROM "orders" AS "t0"
      ) AS "t5"
      GROUP BY
        1
    ) AS "t8"
  ) AS "t11"
  GROUP BY
    1
)
SELECT
  "t27"."period",
  (
    COALESCE("t27"."gross_margin", 0.0) - (
      COALESCE("t27"."spend", 0.0) + COALESCE("t27"."other_costs", 0.0)
    )
  ) / NULLIF(COALESCE("t27"."spend", 0.0) + COALESCE("t27"."other_costs", 0.0), 0) AS "roi_margin"
FROM (
  SELECT
    "t26"."period",
    "t20"."gross_margin",
    "t18"."spend",
    "t19"."other_costs"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t16"."period"
      FROM "t13" AS "t16"
    ) AS "t22"
    UNION
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t17"."period"
        FROM "t14" AS "t17"
      ) AS "t23"
      UNION
      SELECT
        *
      FROM (
        SELECT
          "t15"."period"
        FROM "t12" AS "t15"
      ) AS "t21"
    ) AS "t24"
  ) AS "t26"
  LEFT OUTER JOIN "t14" AS "t20"
    ON "t26"."period" = "t20"."period"
  LEFT OUTER JOIN "t12" AS "t18"
    ON "t26"."period" = "t18"."period"
  LEFT OUTER JOIN "t13" AS "t19"
    ON "t26"."period" = "t19"."period"
) AS "t27"
ORDER BY
  "t27"."period" ASC;

-- cac
WITH "t8" AS (
  SELECT
    "t5"."period",
    CAST(COUNT(DISTINCT "t5"."customer_id") FILTER(WHERE
      "t5"."is_first_order") AS DOUBLE) AS "new_customers"
  FROM (
    SELECT
      "t0"."order_id",
      "t0"."customer_id",
      "t0"."ordered_at",
      "t0"."currency",
      "t0"."revenue",
      "t0"."gross_margin",
      "t0"."channel",
      "t0"."source",
      "t0"."medium",
      "t0"."campaign",
      "t0"."source_campaign",
      "t0"."is_first_order",
      "t0"."revenue_base",
      "t0"."gross_margin_base",
      "t0"."attributes",
      "t0"."_source",
      "t0"."_loaded_at",
      "t0"."_load_id",
      CAST("t0"."ordered_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."ordered_at" AS DATE)) AS "period"
    FROM "orders" AS "t0"
  ) AS "t5"
  GROUP BY
    1
), "t14" AS (
  SELECT
    "t9"."period",
    CAST(SUM("t9"."spend") AS DOUBLE) AS "spend"
  FROM (
    SELECT
      "t6"."_day",
      "t6"."spend",
      DATE_TRUNC('MONTH', "t6"."_day") AS "period"
    FROM (
      SELECT
        "t3"."_day",
        SUM("t3"."spend_base") AS "spend"
      FROM (
        SELECT
          "t1"."date",
          "t1"."platform",
          "t1"."account",
          "t1"."channel",
          "t1"."campaign_id",
          "t1"."campaign",
          "t1"."source_campaign",
          "t1"."campaign_type",
          "t1"."ad_group",
          "t1"."ad",
          "t1"."currency",
          "t1"."spend",
          "t1"."impressions",
          "t1"."clicks",
          "t1"."conversions",
          "t1"."conversion_value",
          "t1"."reach",
          "t1"."video_views",
          "t1"."spend_base",
          "t1"."conversion_value_base",
          "t1"."attributes",
          "t1"."_source",
          "t1"."_loaded_at",
          "t1"."_load_id",
          "t1"."date" AS "_day"
        FROM "ad_performance" AS "t1"
      ) AS "t3"
      GROUP BY
        1
    ) AS "t6"
  ) AS "t9"
  GROUP BY
    1
), "t15" AS (
  SELECT
    "t10"."period",
    CAST(SUM("t10"."other_costs") AS DOUBLE) AS "other_costs"
  FROM (
    SELECT
      "t7"."_day",
      "t7"."other_costs",
      DATE_TRUNC('MONTH', "t7"."_day") AS "period"
    FROM (
      SELECT
        "t4"."_day",
        SUM("t4"."amount_base") AS "other_costs"
      FROM (
        SELECT
          "t2"."date",
          "t2"."account",
          "t2"."category",
          "t2"."channel",
          "t2"."campaign",
          "t2"."description",
          "t2"."currency",
          "t2"."amount",
          "t2"."amount_base",
          "t2"."attributes",
          "t2"."_source",
          "t2"."_loaded_at",
          "t2"."_load_id",
          "t2"."date" AS "_day"
        FROM "costs" AS "t2"
      ) AS "t4"
      GROUP BY
        1
    ) AS "t7"
  ) AS "t10"
  GROUP BY
    1
)
SELECT
  "t25"."period",
  (
    COALESCE("t25"."spend", 0.0) + COALESCE("t25"."other_costs", 0.0)
  ) / NULLIF(COALESCE("t25"."new_customers", 0.0), 0) AS "cac"
FROM (
  SELECT
    "t24"."period",
    "t18"."spend",
    "t19"."other_costs",
    "t12"."new_customers"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t11"."period"
      FROM "t8" AS "t11"
    ) AS "t13"
    UNION
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t16"."period"
        FROM "t14" AS "t16"
      ) AS "t20"
      UNION
      SELECT
        *
      FROM (
        SELECT
          "t17"."period"
        FROM "t15" AS "t17"
      ) AS "t21"
    ) AS "t22"
  ) AS "t24"
  LEFT OUTER JOIN "t14" AS "t18"
    ON "t24"."period" = "t18"."period"
  LEFT OUTER JOIN "t15" AS "t19"
    ON "t24"."period" = "t19"."period"
  LEFT OUTER JOIN "t8" AS "t12"
    ON "t24"."period" = "t12"."period"
) AS "t25"
ORDER BY
  "t25"."period" ASC;

-- cac_media
WITH "t5" AS (
  SELECT
    "t3"."period",
    CAST(COUNT(DISTINCT "t3"."customer_id") FILTER(WHERE
      "t3"."is_first_order") AS DOUBLE) AS "new_customers"
  FROM (
    SELECT
      "t0"."order_id",
      "t0"."customer_id",
      "t0"."ordered_at",
      "t0"."currency",
      "t0"."revenue",
      "t0"."gross_margin",
      "t0"."channel",
      "t0"."source",
      "t0"."medium",
      "t0"."campaign",
      "t0"."source_campaign",
      "t0"."is_first_order",
      "t0"."revenue_base",
      "t0"."gross_margin_base",
      "t0"."attributes",
      "t0"."_source",
      "t0"."_loaded_at",
      "t0"."_load_id",
      CAST("t0"."ordered_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."ordered_at" AS DATE)) AS "period"
    FROM "orders" AS "t0"
  ) AS "t3"
  GROUP BY
    1
), "t10" AS (
  SELECT
    "t6"."period",
    CAST(SUM("t6"."spend") AS DOUBLE) AS "spend"
  FROM (
    SELECT
      "t4"."_day",
      "t4"."spend",
      DATE_TRUNC('MONTH', "t4"."_day") AS "period"
    FROM (
      SELECT
        "t2"."_day",
        SUM("t2"."spend_base") AS "spend"
      FROM (
        SELECT
          "t1"."date",
          "t1"."platform",
          "t1"."account",
          "t1"."channel",
          "t1"."campaign_id",
          "t1"."campaign",
          "t1"."source_campaign",
          "t1"."campaign_type",
          "t1"."ad_group",
          "t1"."ad",
          "t1"."currency",
          "t1"."spend",
          "t1"."impressions",
          "t1"."clicks",
          "t1"."conversions",
          "t1"."conversion_value",
          "t1"."reach",
          "t1"."video_views",
          "t1"."spend_base",
          "t1"."conversion_value_base",
          "t1"."attributes",
          "t1"."_source",
          "t1"."_loaded_at",
          "t1"."_load_id",
          "t1"."date" AS "_day"
        FROM "ad_performance" AS "t1"
      ) AS "t2"
      GROUP BY
        1
    ) AS "t4"
  ) AS "t6"
  GROUP BY
    1
)
SELECT
  "t16"."period",
  COALESCE("t16"."spend", 0.0) / NULLIF(COALESCE("t16"."new_customers", 0.0), 0) AS "cac_media"
FROM (
  SELECT
    "t15"."period",
    "t12"."spend",
    "t8"."new_customers"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t11"."period"
      FROM "t10" AS "t11"
    ) AS "t13"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t7"."period"
      FROM "t5" AS "t7"
    ) AS "t9"
  ) AS "t15"
  LEFT OUTER JOIN "t10" AS "t12"
    ON "t15"."period" = "t12"."period"
  LEFT OUTER JOIN "t5" AS "t8"
    ON "t15"."period" = "t8"."period"
) AS "t16"
ORDER BY
  "t16"."period" ASC;

-- leads
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."leads") AS DOUBLE) AS "leads"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."leads",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        COUNT(*) AS "leads"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."created_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."leads", 0.0) AS "leads"
FROM (
  SELECT
    "t8"."period",
    "t6"."leads"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- mqls
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."mqls") AS DOUBLE) AS "mqls"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."mqls",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        COUNT(*) AS "mqls"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."mql_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
        WHERE
          CAST("t0"."mql_at" AS DATE) IS NOT NULL
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."mqls", 0.0) AS "mqls"
FROM (
  SELECT
    "t8"."period",
    "t6"."mqls"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- sqls
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."sqls") AS DOUBLE) AS "sqls"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."sqls",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        COUNT(*) AS "sqls"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."sql_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
        WHERE
          CAST("t0"."sql_at" AS DATE) IS NOT NULL
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."sqls", 0.0) AS "sqls"
FROM (
  SELECT
    "t8"."period",
    "t6"."sqls"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- opportunities
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."opportunities") AS DOUBLE) AS "opportunities"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."opportunities",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        COUNT(*) AS "opportunities"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."opportunity_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
        WHERE
          CAST("t0"."opportunity_at" AS DATE) IS NOT NULL
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."opportunities", 0.0) AS "opportunities"
FROM (
  SELECT
    "t8"."period",
    "t6"."opportunities"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- won
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."won") AS DOUBLE) AS "won"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."won",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        COUNT(*) AS "won"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."won_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
        WHERE
          CAST("t0"."won_at" AS DATE) IS NOT NULL
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."won", 0.0) AS "won"
FROM (
  SELECT
    "t8"."period",
    "t6"."won"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- cpl
WITH "t8" AS (
  SELECT
    "t6"."period",
    CAST(SUM("t6"."spend") AS DOUBLE) AS "spend"
  FROM (
    SELECT
      "t4"."_day",
      "t4"."spend",
      DATE_TRUNC('MONTH', "t4"."_day") AS "period"
    FROM (
      SELECT
        "t2"."_day",
        SUM("t2"."spend_base") AS "spend"
      FROM (
        SELECT
          "t0"."date",
          "t0"."platform",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign_id",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."campaign_type",
          "t0"."ad_group",
          "t0"."ad",
          "t0"."currency",
          "t0"."spend",
          "t0"."impressions",
          "t0"."clicks",
          "t0"."conversions",
          "t0"."conversion_value",
          "t0"."reach",
          "t0"."video_views",
          "t0"."spend_base",
          "t0"."conversion_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "ad_performance" AS "t0"
      ) AS "t2"
      GROUP BY
        1
    ) AS "t4"
  ) AS "t6"
  GROUP BY
    1
), "t9" AS (
  SELECT
    "t7"."period",
    CAST(SUM("t7"."leads") AS DOUBLE) AS "leads"
  FROM (
    SELECT
      "t5"."_day",
      "t5"."leads",
      DATE_TRUNC('MONTH', "t5"."_day") AS "period"
    FROM (
      SELECT
        "t3"."_day",
        COUNT(*) AS "leads"
      FROM (
        SELECT
          "t1"."lead_id",
          "t1"."created_at",
          "t1"."channel",
          "t1"."source",
          "t1"."medium",
          "t1"."campaign",
          "t1"."source_campaign",
          "t1"."email",
          "t1"."mql_at",
          "t1"."sql_at",
          "t1"."opportunity_at",
          "t1"."won_at",
          "t1"."lost_at",
          "t1"."currency",
          "t1"."deal_value",
          "t1"."customer_id",
          "t1"."deal_value_base",
          "t1"."attributes",
          "t1"."_source",
          "t1"."_loaded_at",
          "t1"."_load_id",
          CAST("t1"."created_at" AS DATE) AS "_day"
        FROM "leads" AS "t1"
      ) AS "t3"
      GROUP BY
        1
    ) AS "t5"
  ) AS "t7"
  GROUP BY
    1
)
SELECT
  "t18"."period",
  COALESCE("t18"."spend", 0.0) / NULLIF(COALESCE("t18"."leads", 0.0), 0) AS "cpl"
FROM (
  SELECT
    "t17"."period",
    "t12"."spend",
    "t13"."leads"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t10"."period"
      FROM "t8" AS "t10"
    ) AS "t14"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t11"."period"
      FROM "t9" AS "t11"
    ) AS "t15"
  ) AS "t17"
  LEFT OUTER JOIN "t8" AS "t12"
    ON "t17"."period" = "t12"."period"
  LEFT OUTER JOIN "t9" AS "t13"
    ON "t17"."period" = "t13"."period"
) AS "t18"
ORDER BY
  "t18"."period" ASC;

-- lead_to_mql_rate
WITH "t7" AS (
  SELECT
    "t5"."period",
    CAST(SUM("t5"."leads") AS DOUBLE) AS "leads"
  FROM (
    SELECT
      "t3"."_day",
      "t3"."leads",
      DATE_TRUNC('MONTH', "t3"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        COUNT(*) AS "leads"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."created_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t3"
  ) AS "t5"
  GROUP BY
    1
), "t9" AS (
  SELECT
    "t6"."period",
    CAST(SUM("t6"."mqls") AS DOUBLE) AS "mqls"
  FROM (
    SELECT
      "t4"."_day",
      "t4"."mqls",
      DATE_TRUNC('MONTH', "t4"."_day") AS "period"
    FROM (
      SELECT
        "t2"."_day",
        COUNT(*) AS "mqls"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."mql_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
        WHERE
          CAST("t0"."mql_at" AS DATE) IS NOT NULL
      ) AS "t2"
      GROUP BY
        1
    ) AS "t4"
  ) AS "t6"
  GROUP BY
    1
)
SELECT
  "t17"."period",
  COALESCE("t17"."mqls", 0.0) / NULLIF(COALESCE("t17"."leads", 0.0), 0) AS "lead_to_mql_rate"
FROM (
  SELECT
    "t16"."period",
    "t13"."mqls",
    "t10"."leads"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t11"."period"
      FROM "t9" AS "t11"
    ) AS "t14"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t8"."period"
      FROM "t7" AS "t8"
    ) AS "t12"
  ) AS "t16"
  LEFT OUTER JOIN "t9" AS "t13"
    ON "t16"."period" = "t13"."period"
  LEFT OUTER JOIN "t7" AS "t10"
    ON "t16"."period" = "t10"."period"
) AS "t17"
ORDER BY
  "t17"."period" ASC;

-- mql_to_sql_rate
WITH "t7" AS (
  SELECT
    "t5"."period",
    CAST(SUM("t5"."mqls") AS DOUBLE) AS "mqls"
  FROM (
    SELECT
      "t3"."_day",
      "t3"."mqls",
      DATE_TRUNC('MONTH', "t3"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        COUNT(*) AS "mqls"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."mql_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
        WHERE
          CAST("t0"."mql_at" AS DATE) IS NOT NULL
      ) AS "t1"
      GROUP BY
        1
    ) AS "t3"
  ) AS "t5"
  GROUP BY
    1
), "t8" AS (
  SELECT
    "t6"."period",
    CAST(SUM("t6"."sqls") AS DOUBLE) AS "sqls"
  FROM (
    SELECT
      "t4"."_day",
      "t4"."sqls",
      DATE_TRUNC('MONTH', "t4"."_day") AS "period"
    FROM (
      SELECT
        "t2"."_day",
        COUNT(*) AS "sqls"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."sql_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
        WHERE
          CAST("t0"."sql_at" AS DATE) IS NOT NULL
      ) AS "t2"
      GROUP BY
        1
    ) AS "t4"
  ) AS "t6"
  GROUP BY
    1
)
SELECT
  "t17"."period",
  COALESCE("t17"."sqls", 0.0) / NULLIF(COALESCE("t17"."mqls", 0.0), 0) AS "mql_to_sql_rate"
FROM (
  SELECT
    "t16"."period",
    "t12"."sqls",
    "t11"."mqls"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t10"."period"
      FROM "t8" AS "t10"
    ) AS "t14"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t9"."period"
      FROM "t7" AS "t9"
    ) AS "t13"
  ) AS "t16"
  LEFT OUTER JOIN "t8" AS "t12"
    ON "t16"."period" = "t12"."period"
  LEFT OUTER JOIN "t7" AS "t11"
    ON "t16"."period" = "t11"."period"
) AS "t17"
ORDER BY
  "t17"."period" ASC;

-- sql_to_won_rate
WITH "t7" AS (
  SELECT
    "t5"."period",
    CAST(SUM("t5"."sqls") AS DOUBLE) AS "sqls"
  FROM (
    SELECT
      "t3"."_day",
      "t3"."sqls",
      DATE_TRUNC('MONTH', "t3"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        COUNT(*) AS "sqls"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."sql_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
        WHERE
          CAST("t0"."sql_at" AS DATE) IS NOT NULL
      ) AS "t1"
      GROUP BY
        1
    ) AS "t3"
  ) AS "t5"
  GROUP BY
    1
), "t8" AS (
  SELECT
    "t6"."period",
    CAST(SUM("t6"."won") AS DOUBLE) AS "won"
  FROM (
    SELECT
      "t4"."_day",
      "t4"."won",
      DATE_TRUNC('MONTH', "t4"."_day") AS "period"
    FROM (
      SELECT
        "t2"."_day",
        COUNT(*) AS "won"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."won_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
        WHERE
          CAST("t0"."won_at" AS DATE) IS NOT NULL
      ) AS "t2"
      GROUP BY
        1
    ) AS "t4"
  ) AS "t6"
  GROUP BY
    1
)
SELECT
  "t17"."period",
  COALESCE("t17"."won", 0.0) / NULLIF(COALESCE("t17"."sqls", 0.0), 0) AS "sql_to_won_rate"
FROM (
  SELECT
    "t16"."period",
    "t12"."won",
    "t11"."sqls"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t10"."period"
      FROM "t8" AS "t10"
    ) AS "t14"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t9"."period"
      FROM "t7" AS "t9"
    ) AS "t13"
  ) AS "t16"
  LEFT OUTER JOIN "t8" AS "t12"
    ON "t16"."period" = "t12"."period"
  LEFT OUTER JOIN "t7" AS "t11"
    ON "t16"."period" = "t11"."period"
) AS "t17"
ORDER BY
  "t17"."period" ASC;

-- lead_to_won_rate
WITH "t7" AS (
  SELECT
    "t5"."period",
    CAST(SUM("t5"."leads") AS DOUBLE) AS "leads"
  FROM (
    SELECT
      "t3"."_day",
      "t3"."leads",
      DATE_TRUNC('MONTH', "t3"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        COUNT(*) AS "leads"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."created_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t3"
  ) AS "t5"
  GROUP BY
    1
), "t9" AS (
  SELECT
    "t6"."period",
    CAST(SUM("t6"."won") AS DOUBLE) AS "won"
  FROM (
    SELECT
      "t4"."_day",
      "t4"."won",
      DATE_TRUNC('MONTH', "t4"."_day") AS "period"
    FROM (
      SELECT
        "t2"."_day",
        COUNT(*) AS "won"
      FROM (
        SELECT
          "t0"."lead_id",
          "t0"."created_at",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email",
          "t0"."mql_at",
          "t0"."sql_at",
          "t0"."opportunity_at",
          "t0"."won_at",
          "t0"."lost_at",
          "t0"."currency",
          "t0"."deal_value",
          "t0"."customer_id",
          "t0"."deal_value_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."won_at" AS DATE) AS "_day"
        FROM "leads" AS "t0"
        WHERE
          CAST("t0"."won_at" AS DATE) IS NOT NULL
      ) AS "t2"
      GROUP BY
        1
    ) AS "t4"
  ) AS "t6"
  GROUP BY
    1
)
SELECT
  "t17"."period",
  COALESCE("t17"."won", 0.0) / NULLIF(COALESCE("t17"."leads", 0.0), 0) AS "lead_to_won_rate"
FROM (
  SELECT
    "t16"."period",
    "t13"."won",
    "t10"."leads"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t11"."period"
      FROM "t9" AS "t11"
    ) AS "t14"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t8"."period"
      FROM "t7" AS "t8"
    ) AS "t12"
  ) AS "t16"
  LEFT OUTER JOIN "t9" AS "t13"
    ON "t16"."period" = "t13"."period"
  LEFT OUTER JOIN "t7" AS "t10"
    ON "t16"."period" = "t10"."period"
) AS "t17"
ORDER BY
  "t17"."period" ASC;

-- sessions
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."sessions") AS DOUBLE) AS "sessions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."sessions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."sessions") AS "sessions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."sessions", 0.0) AS "sessions"
FROM (
  SELECT
    "t8"."period",
    "t6"."sessions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- users
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."users") AS DOUBLE) AS "users"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."users",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."users") AS "users"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."users", 0.0) AS "users"
FROM (
  SELECT
    "t8"."period",
    "t6"."users"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- new_users
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."new_users") AS DOUBLE) AS "new_users"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."new_users",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."new_users") AS "new_users"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."new_users", 0.0) AS "new_users"
FROM (
  SELECT
    "t8"."period",
    "t6"."new_users"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- pageviews
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."pageviews") AS DOUBLE) AS "pageviews"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."pageviews",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."pageviews") AS "pageviews"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."pageviews", 0.0) AS "pageviews"
FROM (
  SELECT
    "t8"."period",
    "t6"."pageviews"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- engaged_sessions
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."engaged_sessions") AS DOUBLE) AS "engaged_sessions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."engaged_sessions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."engaged_sessions") AS "engaged_sessions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."engaged_sessions", 0.0) AS "engaged_sessions"
FROM (
  SELECT
    "t8"."period",
    "t6"."engaged_sessions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- bounces
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."bounces") AS DOUBLE) AS "bounces"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."bounces",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."bounces") AS "bounces"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."bounces", 0.0) AS "bounces"
FROM (
  SELECT
    "t8"."period",
    "t6"."bounces"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- engagement_seconds
WITH "t4" AS (
  SELECT
    "t3"."period",
    SUM("t3"."engagement_seconds") AS "engagement_seconds"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."engagement_seconds",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."engagement_seconds") AS "engagement_seconds"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."engagement_seconds", 0.0) AS "engagement_seconds"
FROM (
  SELECT
    "t8"."period",
    "t6"."engagement_seconds"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- web_conversions
WITH "t4" AS (
  SELECT
    "t3"."period",
    SUM("t3"."web_conversions") AS "web_conversions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."web_conversions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."conversions") AS "web_conversions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."web_conversions", 0.0) AS "web_conversions"
FROM (
  SELECT
    "t8"."period",
    "t6"."web_conversions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- pageviews_per_session
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."pageviews") AS DOUBLE) AS "pageviews",
    CAST(SUM("t3"."sessions") AS DOUBLE) AS "sessions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."pageviews",
      "t2"."sessions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."pageviews") AS "pageviews",
        SUM("t1"."sessions") AS "sessions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."pageviews", 0.0) / NULLIF(COALESCE("t9"."sessions", 0.0), 0) AS "pageviews_per_session"
FROM (
  SELECT
    "t8"."period",
    "t6"."pageviews",
    "t6"."sessions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- revenue_per_session
WITH "t8" AS (
  SELECT
    "t6"."period",
    CAST(SUM("t6"."sessions") AS DOUBLE) AS "sessions"
  FROM (
    SELECT
      "t4"."_day",
      "t4"."sessions",
      DATE_TRUNC('MONTH', "t4"."_day") AS "period"
    FROM (
      SELECT
        "t2"."_day",
        SUM("t2"."sessions") AS "sessions"
      FROM (
        SELECT
          "t1"."date",
          "t1"."account",
          "t1"."channel",
          "t1"."source",
          "t1"."medium",
          "t1"."campaign",
          "t1"."source_campaign",
          "t1"."landing_page",
          "t1"."device",
          "t1"."country",
          "t1"."currency",
          "t1"."sessions",
          "t1"."users",
          "t1"."new_users",
          "t1"."engaged_sessions",
          "t1"."bounces",
          "t1"."pageviews",
          "t1"."engagement_seconds",
          "t1"."conversions",
          "t1"."revenue",
          "t1"."revenue_base",
          "t1"."attributes",
          "t1"."_source",
          "t1"."_loaded_at",
          "t1"."_load_id",
          "t1"."date" AS "_day"
        FROM "web_traffic" AS "t1"
      ) AS "t2"
      GROUP BY
        1
    ) AS "t4"
  ) AS "t6"
  GROUP BY
    1
), "t9" AS (
  SELECT
    "t7"."period",
    CAST(SUM("t7"."revenue") AS DOUBLE) AS "revenue"
  FROM (
    SELECT
      "t5"."_day",
      "t5"."revenue",
      DATE_TRUNC('MONTH', "t5"."_day") AS "period"
    FROM (
      SELECT
        "t3"."_day",
        SUM("t3"."revenue_base") AS "revenue"
      FROM (
        SELECT
          "t0"."order_id",
          "t0"."customer_id",
          "t0"."ordered_at",
          "t0"."currency",
          "t0"."revenue",
          "t0"."gross_margin",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."is_first_order",
          "t0"."revenue_base",
          "t0"."gross_margin_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          CAST("t0"."ordered_at" AS DATE) AS "_day"
        FROM "orders" AS "t0"
      ) AS "t3"
      GROUP BY
        1
    ) AS "t5"
  ) AS "t7"
  GROUP BY
    1
)
SELECT
  "t18"."period",
  COALESCE("t18"."revenue", 0.0) / NULLIF(COALESCE("t18"."sessions", 0.0), 0) AS "revenue_per_session"
FROM (
  SELECT
    "t17"."period",
    "t13"."revenue",
    "t12"."sessions"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t11"."period"
      FROM "t9" AS "t11"
    ) AS "t15"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t10"."period"
      FROM "t8" AS "t10"
    ) AS "t14"
  ) AS "t17"
  LEFT OUTER JOIN "t9" AS "t13"
    ON "t17"."period" = "t13"."period"
  LEFT OUTER JOIN "t8" AS "t12"
    ON "t17"."period" = "t12"."period"
) AS "t18"
ORDER BY
  "t18"."period" ASC;

-- bounce_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."bounces") AS DOUBLE) AS "bounces",
    CAST(SUM("t3"."sessions") AS DOUBLE) AS "sessions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."bounces",
      "t2"."sessions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."bounces") AS "bounces",
        SUM("t1"."sessions") AS "sessions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."bounces", 0.0) / NULLIF(COALESCE("t9"."sessions", 0.0), 0) AS "bounce_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."bounces",
    "t6"."sessions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- engagement_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."engaged_sessions") AS DOUBLE) AS "engaged_sessions",
    CAST(SUM("t3"."sessions") AS DOUBLE) AS "sessions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."engaged_sessions",
      "t2"."sessions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."engaged_sessions") AS "engaged_sessions",
        SUM("t1"."sessions") AS "sessions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."engaged_sessions", 0.0) / NULLIF(COALESCE("t9"."sessions", 0.0), 0) AS "engagement_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."engaged_sessions",
    "t6"."sessions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- avg_engagement_time
WITH "t4" AS (
  SELECT
    "t3"."period",
    SUM("t3"."engagement_seconds") AS "engagement_seconds",
    CAST(SUM("t3"."sessions") AS DOUBLE) AS "sessions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."engagement_seconds",
      "t2"."sessions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."engagement_seconds") AS "engagement_seconds",
        SUM("t1"."sessions") AS "sessions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."engagement_seconds", 0.0) / NULLIF(COALESCE("t9"."sessions", 0.0), 0) AS "avg_engagement_time"
FROM (
  SELECT
    "t8"."period",
    "t6"."engagement_seconds",
    "t6"."sessions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- web_conversion_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    SUM("t3"."web_conversions") AS "web_conversions",
    CAST(SUM("t3"."sessions") AS DOUBLE) AS "sessions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."web_conversions",
      "t2"."sessions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."conversions") AS "web_conversions",
        SUM("t1"."sessions") AS "sessions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."account",
          "t0"."channel",
          "t0"."source",
          "t0"."medium",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."landing_page",
          "t0"."device",
          "t0"."country",
          "t0"."currency",
          "t0"."sessions",
          "t0"."users",
          "t0"."new_users",
          "t0"."engaged_sessions",
          "t0"."bounces",
          "t0"."pageviews",
          "t0"."engagement_seconds",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "web_traffic" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."web_conversions", 0.0) / NULLIF(COALESCE("t9"."sessions", 0.0), 0) AS "web_conversion_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."web_conversions",
    "t6"."sessions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- emails_sent
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."emails_sent") AS DOUBLE) AS "emails_sent"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."emails_sent",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."sent") AS "emails_sent"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."emails_sent", 0.0) AS "emails_sent"
FROM (
  SELECT
    "t8"."period",
    "t6"."emails_sent"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- emails_delivered
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."emails_delivered") AS DOUBLE) AS "emails_delivered"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."emails_delivered",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."delivered") AS "emails_delivered"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."emails_delivered", 0.0) AS "emails_delivered"
FROM (
  SELECT
    "t8"."period",
    "t6"."emails_delivered"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- email_opens
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."email_opens") AS DOUBLE) AS "email_opens"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."email_opens",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."unique_opens") AS "email_opens"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."email_opens", 0.0) AS "email_opens"
FROM (
  SELECT
    "t8"."period",
    "t6"."email_opens"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- email_clicks
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."email_clicks") AS DOUBLE) AS "email_clicks"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."email_clicks",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."unique_clicks") AS "email_clicks"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."email_clicks", 0.0) AS "email_clicks"
FROM (
  SELECT
    "t8"."period",
    "t6"."email_clicks"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- email_unsubscribes
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."email_unsubscribes") AS DOUBLE) AS "email_unsubscribes"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."email_unsubscribes",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."unsubscribes") AS "email_unsubscribes"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."email_unsubscribes", 0.0) AS "email_unsubscribes"
FROM (
  SELECT
    "t8"."period",
    "t6"."email_unsubscribes"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- email_complaints
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."email_complaints") AS DOUBLE) AS "email_complaints"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."email_complaints",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."complaints") AS "email_complaints"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."email_complaints", 0.0) AS "email_complaints"
FROM (
  SELECT
    "t8"."period",
    "t6"."email_complaints"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- email_delivery_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."emails_delivered") AS DOUBLE) AS "emails_delivered",
    CAST(SUM("t3"."emails_sent") AS DOUBLE) AS "emails_sent"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."emails_delivered",
      "t2"."emails_sent",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."delivered") AS "emails_delivered",
        SUM("t1"."sent") AS "emails_sent"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."emails_delivered", 0.0) / NULLIF(COALESCE("t9"."emails_sent", 0.0), 0) AS "email_delivery_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."emails_delivered",
    "t6"."emails_sent"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- email_open_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."email_opens") AS DOUBLE) AS "email_opens",
    CAST(SUM("t3"."emails_delivered") AS DOUBLE) AS "emails_delivered"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."email_opens",
      "t2"."emails_delivered",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."unique_opens") AS "email_opens",
        SUM("t1"."delivered") AS "emails_delivered"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."email_opens", 0.0) / NULLIF(COALESCE("t9"."emails_delivered", 0.0), 0) AS "email_open_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."email_opens",
    "t6"."emails_delivered"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- email_click_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."email_clicks") AS DOUBLE) AS "email_clicks",
    CAST(SUM("t3"."emails_delivered") AS DOUBLE) AS "emails_delivered"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."email_clicks",
      "t2"."emails_delivered",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."unique_clicks") AS "email_clicks",
        SUM("t1"."delivered") AS "emails_delivered"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."email_clicks", 0.0) / NULLIF(COALESCE("t9"."emails_delivered", 0.0), 0) AS "email_click_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."email_clicks",
    "t6"."emails_delivered"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- email_click_to_open_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."email_clicks") AS DOUBLE) AS "email_clicks",
    CAST(SUM("t3"."email_opens") AS DOUBLE) AS "email_opens"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."email_clicks",
      "t2"."email_opens",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."unique_clicks") AS "email_clicks",
        SUM("t1"."unique_opens") AS "email_opens"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."email_clicks", 0.0) / NULLIF(COALESCE("t9"."email_opens", 0.0), 0) AS "email_click_to_open_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."email_clicks",
    "t6"."email_opens"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- email_unsubscribe_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."email_unsubscribes") AS DOUBLE) AS "email_unsubscribes",
    CAST(SUM("t3"."emails_delivered") AS DOUBLE) AS "emails_delivered"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."email_unsubscribes",
      "t2"."emails_delivered",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."unsubscribes") AS "email_unsubscribes",
        SUM("t1"."delivered") AS "emails_delivered"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."email_unsubscribes", 0.0) / NULLIF(COALESCE("t9"."emails_delivered", 0.0), 0) AS "email_unsubscribe_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."email_unsubscribes",
    "t6"."emails_delivered"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- email_complaint_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."email_complaints") AS DOUBLE) AS "email_complaints",
    CAST(SUM("t3"."emails_delivered") AS DOUBLE) AS "emails_delivered"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."email_complaints",
      "t2"."emails_delivered",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."complaints") AS "email_complaints",
        SUM("t1"."delivered") AS "emails_delivered"
      FROM (
        SELECT
          "t0"."date",
          "t0"."sent_at",
          "t0"."account",
          "t0"."channel",
          "t0"."campaign",
          "t0"."source_campaign",
          "t0"."email_list",
          "t0"."subject",
          "t0"."currency",
          "t0"."sent",
          "t0"."delivered",
          "t0"."bounced",
          "t0"."unique_opens",
          "t0"."unique_clicks",
          "t0"."unsubscribes",
          "t0"."complaints",
          "t0"."conversions",
          "t0"."revenue",
          "t0"."revenue_base",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "email_campaigns" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."email_complaints", 0.0) / NULLIF(COALESCE("t9"."emails_delivered", 0.0), 0) AS "email_complaint_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."email_complaints",
    "t6"."emails_delivered"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- social_impressions
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."social_impressions") AS DOUBLE) AS "social_impressions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."social_impressions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."impressions") AS "social_impressions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."network",
          "t0"."account",
          "t0"."channel",
          "t0"."post_id",
          "t0"."impressions",
          "t0"."reach",
          "t0"."engagements",
          "t0"."clicks",
          "t0"."video_views",
          "t0"."followers",
          "t0"."follower_change",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "social_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."social_impressions", 0.0) AS "social_impressions"
FROM (
  SELECT
    "t8"."period",
    "t6"."social_impressions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- social_engagements
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."social_engagements") AS DOUBLE) AS "social_engagements"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."social_engagements",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."engagements") AS "social_engagements"
      FROM (
        SELECT
          "t0"."date",
          "t0"."network",
          "t0"."account",
          "t0"."channel",
          "t0"."post_id",
          "t0"."impressions",
          "t0"."reach",
          "t0"."engagements",
          "t0"."clicks",
          "t0"."video_views",
          "t0"."followers",
          "t0"."follower_change",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "social_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."social_engagements", 0.0) AS "social_engagements"
FROM (
  SELECT
    "t8"."period",
    "t6"."social_engagements"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- follower_change
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."follower_change") AS DOUBLE) AS "follower_change"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."follower_change",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."follower_change") AS "follower_change"
      FROM (
        SELECT
          "t0"."date",
          "t0"."network",
          "t0"."account",
          "t0"."channel",
          "t0"."post_id",
          "t0"."impressions",
          "t0"."reach",
          "t0"."engagements",
          "t0"."clicks",
          "t0"."video_views",
          "t0"."followers",
          "t0"."follower_change",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "social_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."follower_change", 0.0) AS "follower_change"
FROM (
  SELECT
    "t8"."period",
    "t6"."follower_change"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- followers_start
WITH "t1" AS (
  SELECT
    "t0"."date",
    "t0"."network",
    "t0"."account",
    "t0"."channel",
    "t0"."post_id",
    "t0"."impressions",
    "t0"."reach",
    "t0"."engagements",
    "t0"."clicks",
    "t0"."video_views",
    "t0"."followers",
    "t0"."follower_change",
    "t0"."attributes",
    "t0"."_source",
    "t0"."_loaded_at",
    "t0"."_load_id",
    "t0"."date" AS "_day",
    DATE_TRUNC('MONTH', "t0"."date") AS "period"
  FROM "social_performance" AS "t0"
), "t8" AS (
  SELECT
    "t7"."period",
    CAST(SUM("t7"."followers" - "t7"."follower_change") AS DOUBLE) AS "followers_start"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t3"."date",
        "t3"."network",
        "t3"."account",
        "t3"."channel",
        "t3"."post_id",
        "t3"."impressions",
        "t3"."reach",
        "t3"."engagements",
        "t3"."clicks",
        "t3"."video_views",
        "t3"."followers",
        "t3"."follower_change",
        "t3"."attributes",
        "t3"."_source",
        "t3"."_loaded_at",
        "t3"."_load_id",
        "t3"."_day",
        "t3"."period",
        "t5"."_first"
      FROM "t1" AS "t3"
      INNER JOIN (
        SELECT
          "t2"."period",
          MIN("t2"."_day") AS "_first"
        FROM "t1" AS "t2"
        GROUP BY
          1
      ) AS "t5"
        ON "t3"."period" = "t5"."period"
    ) AS "t6"
    WHERE
      "t6"."_day" = "t6"."_first"
  ) AS "t7"
  GROUP BY
    1
)
SELECT
  "t13"."period",
  COALESCE("t13"."followers_start", 0.0) AS "followers_start"
FROM (
  SELECT
    "t12"."period",
    "t10"."followers_start"
  FROM (
    SELECT
      "t9"."period"
    FROM "t8" AS "t9"
  ) AS "t12"
  LEFT OUTER JOIN "t8" AS "t10"
    ON "t12"."period" = "t10"."period"
) AS "t13"
ORDER BY
  "t13"."period" ASC;

-- social_engagement_rate
WITH "t4" AS (
  SELECT
    "t3"."period",
    CAST(SUM("t3"."social_engagements") AS DOUBLE) AS "social_engagements",
    CAST(SUM("t3"."social_impressions") AS DOUBLE) AS "social_impressions"
  FROM (
    SELECT
      "t2"."_day",
      "t2"."social_engagements",
      "t2"."social_impressions",
      DATE_TRUNC('MONTH', "t2"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."engagements") AS "social_engagements",
        SUM("t1"."impressions") AS "social_impressions"
      FROM (
        SELECT
          "t0"."date",
          "t0"."network",
          "t0"."account",
          "t0"."channel",
          "t0"."post_id",
          "t0"."impressions",
          "t0"."reach",
          "t0"."engagements",
          "t0"."clicks",
          "t0"."video_views",
          "t0"."followers",
          "t0"."follower_change",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "social_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t2"
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t9"."period",
  COALESCE("t9"."social_engagements", 0.0) / NULLIF(COALESCE("t9"."social_impressions", 0.0), 0) AS "social_engagement_rate"
FROM (
  SELECT
    "t8"."period",
    "t6"."social_engagements",
    "t6"."social_impressions"
  FROM (
    SELECT
      "t5"."period"
    FROM "t4" AS "t5"
  ) AS "t8"
  LEFT OUTER JOIN "t4" AS "t6"
    ON "t8"."period" = "t6"."period"
) AS "t9"
ORDER BY
  "t9"."period" ASC;

-- follower_growth
WITH "t2" AS (
  SELECT
    "t0"."date",
    "t0"."network",
    "t0"."account",
    "t0"."channel",
    "t0"."post_id",
    "t0"."impressions",
    "t0"."reach",
    "t0"."engagements",
    "t0"."clicks",
    "t0"."video_views",
    "t0"."followers",
    "t0"."follower_change",
    "t0"."attributes",
    "t0"."_source",
    "t0"."_loaded_at",
    "t0"."_load_id",
    "t0"."date" AS "_day",
    DATE_TRUNC('MONTH', "t0"."date") AS "period"
  FROM "social_performance" AS "t0"
), "t10" AS (
  SELECT
    "t8"."period",
    CAST(SUM("t8"."follower_change") AS DOUBLE) AS "follower_change"
  FROM (
    SELECT
      "t5"."_day",
      "t5"."follower_change",
      DATE_TRUNC('MONTH', "t5"."_day") AS "period"
    FROM (
      SELECT
        "t1"."_day",
        SUM("t1"."follower_change") AS "follower_change"
      FROM (
        SELECT
          "t0"."date",
          "t0"."network",
          "t0"."account",
          "t0"."channel",
          "t0"."post_id",
          "t0"."impressions",
          "t0"."reach",
          "t0"."engagements",
          "t0"."clicks",
          "t0"."video_views",
          "t0"."followers",
          "t0"."follower_change",
          "t0"."attributes",
          "t0"."_source",
          "t0"."_loaded_at",
          "t0"."_load_id",
          "t0"."date" AS "_day"
        FROM "social_performance" AS "t0"
      ) AS "t1"
      GROUP BY
        1
    ) AS "t5"
  ) AS "t8"
  GROUP BY
    1
), "t15" AS (
  SELECT
    "t13"."period",
    CAST(SUM("t13"."followers" - "t13"."follower_change") AS DOUBLE) AS "followers_start"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t4"."date",
        "t4"."network",
        "t4"."account",
        "t4"."channel",
        "t4"."post_id",
        "t4"."impressions",
        "t4"."reach",
        "t4"."engagements",
        "t4"."clicks",
        "t4"."video_views",
        "t4"."followers",
        "t4"."follower_change",
        "t4"."attributes",
        "t4"."_source",
        "t4"."_loaded_at",
        "t4"."_load_id",
        "t4"."_day",
        "t4"."period",
        "t7"."_first"
      FROM "t2" AS "t4"
      INNER JOIN (
        SELECT
          "t3"."period",
          MIN("t3"."_day") AS "_first"
        FROM "t2" AS "t3"
        GROUP BY
          1
      ) AS "t7"
        ON "t4"."period" = "t7"."period"
    ) AS "t9"
    WHERE
      "t9"."_day" = "t9"."_first"
  ) AS "t13"
  GROUP BY
    1
)
SELECT
  "t21"."period",
  COALESCE("t21"."follower_change", 0.0) / NULLIF(COALESCE("t21"."followers_start", 0.0), 0) AS "follower_growth"
FROM (
  SELECT
    "t20"."period",
    "t12"."follower_change",
    "t17"."followers_start"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t11"."period"
      FROM "t10" AS "t11"
    ) AS "t14"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t16"."period"
      FROM "t15" AS "t16"
    ) AS "t18"
  ) AS "t20"
  LEFT OUTER JOIN "t10" AS "t12"
    ON "t20"."period" = "t12"."period"
  LEFT OUTER JOIN "t15" AS "t17"
    ON "t20"."period" = "t17"."period"
) AS "t21"
ORDER BY
  "t21"."period" ASC;
