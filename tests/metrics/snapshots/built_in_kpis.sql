-- spend
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."spend_base" AS DOUBLE)) AS "spend"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."spend", 0.0) AS "spend"
FROM (
  SELECT
    "t6"."period",
    "t4"."spend"
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

-- impressions
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."impressions" AS DOUBLE)) AS "impressions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."impressions", 0.0) AS "impressions"
FROM (
  SELECT
    "t6"."period",
    "t4"."impressions"
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

-- clicks
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."clicks" AS DOUBLE)) AS "clicks"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."clicks", 0.0) AS "clicks"
FROM (
  SELECT
    "t6"."period",
    "t4"."clicks"
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

-- conversions
WITH "t2" AS (
  SELECT
    "t1"."period",
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."conversions", 0.0) AS "conversions"
FROM (
  SELECT
    "t6"."period",
    "t4"."conversions"
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

-- conversion_value
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."conversion_value_base" AS DOUBLE)) AS "conversion_value"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."conversion_value", 0.0) AS "conversion_value"
FROM (
  SELECT
    "t6"."period",
    "t4"."conversion_value"
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

-- reach
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."reach" AS DOUBLE)) AS "reach"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."reach", 0.0) AS "reach"
FROM (
  SELECT
    "t6"."period",
    "t4"."reach"
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

-- video_views
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."video_views" AS DOUBLE)) AS "video_views"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."video_views", 0.0) AS "video_views"
FROM (
  SELECT
    "t6"."period",
    "t4"."video_views"
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

-- ctr
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."clicks" AS DOUBLE)) AS "clicks",
    SUM(CAST("t1"."impressions" AS DOUBLE)) AS "impressions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."clicks", 0.0) / NULLIF(COALESCE("t7"."impressions", 0.0), 0) AS "ctr"
FROM (
  SELECT
    "t6"."period",
    "t4"."clicks",
    "t4"."impressions"
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

-- cpc
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."spend_base" AS DOUBLE)) AS "spend",
    SUM(CAST("t1"."clicks" AS DOUBLE)) AS "clicks"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."spend", 0.0) / NULLIF(COALESCE("t7"."clicks", 0.0), 0) AS "cpc"
FROM (
  SELECT
    "t6"."period",
    "t4"."spend",
    "t4"."clicks"
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

-- cpm
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."spend_base" AS DOUBLE)) AS "spend",
    SUM(CAST("t1"."impressions" AS DOUBLE)) AS "impressions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  (
    COALESCE("t7"."spend", 0.0) * 1000
  ) / NULLIF(COALESCE("t7"."impressions", 0.0), 0) AS "cpm"
FROM (
  SELECT
    "t6"."period",
    "t4"."spend",
    "t4"."impressions"
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

-- conversion_rate
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM("t1"."conversions") AS "conversions",
    SUM(CAST("t1"."clicks" AS DOUBLE)) AS "clicks"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."conversions", 0.0) / NULLIF(COALESCE("t7"."clicks", 0.0), 0) AS "conversion_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."conversions",
    "t4"."clicks"
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

-- cpa
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."spend_base" AS DOUBLE)) AS "spend",
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."spend", 0.0) / NULLIF(COALESCE("t7"."conversions", 0.0), 0) AS "cpa"
FROM (
  SELECT
    "t6"."period",
    "t4"."spend",
    "t4"."conversions"
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

-- platform_roas
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."conversion_value_base" AS DOUBLE)) AS "conversion_value",
    SUM(CAST("t1"."spend_base" AS DOUBLE)) AS "spend"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."conversion_value", 0.0) / NULLIF(COALESCE("t7"."spend", 0.0), 0) AS "platform_roas"
FROM (
  SELECT
    "t6"."period",
    "t4"."conversion_value",
    "t4"."spend"
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

-- revenue
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."revenue_base" AS DOUBLE)) AS "revenue"
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
    WHERE
      CAST("t0"."ordered_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."revenue", 0.0) AS "revenue"
FROM (
  SELECT
    "t6"."period",
    "t4"."revenue"
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

-- gross_margin
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."gross_margin_base" AS DOUBLE)) AS "gross_margin"
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
    WHERE
      CAST("t0"."ordered_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."gross_margin", 0.0) AS "gross_margin"
FROM (
  SELECT
    "t6"."period",
    "t4"."gross_margin"
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

-- orders
WITH "t2" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(*) AS DOUBLE) AS "orders"
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
    WHERE
      CAST("t0"."ordered_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."orders", 0.0) AS "orders"
FROM (
  SELECT
    "t6"."period",
    "t4"."orders"
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
    WHERE
      CAST("t0"."ordered_at" AS DATE) IS NOT NULL
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
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."revenue_base" AS DOUBLE)) AS "revenue",
    CAST(COUNT(*) AS DOUBLE) AS "orders"
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
    WHERE
      CAST("t0"."ordered_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."revenue", 0.0) / NULLIF(COALESCE("t7"."orders", 0.0), 0) AS "aov"
FROM (
  SELECT
    "t6"."period",
    "t4"."revenue",
    "t4"."orders"
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

-- roas
WITH "t4" AS (
  SELECT
    "t2"."period",
    SUM(CAST("t2"."spend_base" AS DOUBLE)) AS "spend"
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
      "t1"."date" AS "_day",
      DATE_TRUNC('MONTH', "t1"."date") AS "period"
    FROM "ad_performance" AS "t1"
    WHERE
      "t1"."date" IS NOT NULL
  ) AS "t2"
  GROUP BY
    1
), "t5" AS (
  SELECT
    "t3"."period",
    SUM(CAST("t3"."revenue_base" AS DOUBLE)) AS "revenue"
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
    WHERE
      CAST("t0"."ordered_at" AS DATE) IS NOT NULL
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t14"."period",
  COALESCE("t14"."revenue", 0.0) / NULLIF(COALESCE("t14"."spend", 0.0), 0) AS "roas"
FROM (
  SELECT
    "t13"."period",
    "t9"."revenue",
    "t8"."spend"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t7"."period"
      FROM "t5" AS "t7"
    ) AS "t11"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t6"."period"
      FROM "t4" AS "t6"
    ) AS "t10"
  ) AS "t13"
  LEFT OUTER JOIN "t5" AS "t9"
    ON "t13"."period" = "t9"."period"
  LEFT OUTER JOIN "t4" AS "t8"
    ON "t13"."period" = "t8"."period"
) AS "t14"
ORDER BY
  "t14"."period" ASC;

-- other_costs
WITH "t4" AS (
  SELECT
    "t2"."period",
    SUM(CAST("t2"."amount_base" AS DOUBLE)) AS "other_costs"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "costs" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t2"
  GROUP BY
    1
), "t5" AS (
  SELECT
    "t3"."period",
    SUM(CAST("t3"."spend_base" AS DOUBLE)) AS "spend"
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
      "t1"."date" AS "_day",
      DATE_TRUNC('MONTH', "t1"."date") AS "period"
    FROM "ad_performance" AS "t1"
    WHERE
      "t1"."date" IS NOT NULL
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t14"."period",
  COALESCE("t14"."other_costs", 0.0) AS "other_costs"
FROM (
  SELECT
    "t13"."period",
    "t8"."other_costs",
    "t9"."spend"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t6"."period"
      FROM "t4" AS "t6"
    ) AS "t10"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t7"."period"
      FROM "t5" AS "t7"
    ) AS "t11"
  ) AS "t13"
  LEFT OUTER JOIN "t4" AS "t8"
    ON "t13"."period" = "t8"."period"
  LEFT OUTER JOIN "t5" AS "t9"
    ON "t13"."period" = "t9"."period"
) AS "t14"
ORDER BY
  "t14"."period" ASC;

-- marketing_cost
WITH "t4" AS (
  SELECT
    "t2"."period",
    SUM(CAST("t2"."spend_base" AS DOUBLE)) AS "spend"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t2"
  GROUP BY
    1
), "t5" AS (
  SELECT
    "t3"."period",
    SUM(CAST("t3"."amount_base" AS DOUBLE)) AS "other_costs"
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
      "t1"."date" AS "_day",
      DATE_TRUNC('MONTH', "t1"."date") AS "period"
    FROM "costs" AS "t1"
    WHERE
      "t1"."date" IS NOT NULL
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t14"."period",
  COALESCE("t14"."spend", 0.0) + COALESCE("t14"."other_costs", 0.0) AS "marketing_cost"
FROM (
  SELECT
    "t13"."period",
    "t8"."spend",
    "t9"."other_costs"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t6"."period"
      FROM "t4" AS "t6"
    ) AS "t10"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t7"."period"
      FROM "t5" AS "t7"
    ) AS "t11"
  ) AS "t13"
  LEFT OUTER JOIN "t4" AS "t8"
    ON "t13"."period" = "t8"."period"
  LEFT OUTER JOIN "t5" AS "t9"
    ON "t13"."period" = "t9"."period"
) AS "t14"
ORDER BY
  "t14"."period" ASC;

-- roi
WITH "t6" AS (
  SELECT
    "t3"."period",
    SUM(CAST("t3"."spend_base" AS DOUBLE)) AS "spend"
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
      "t1"."date" AS "_day",
      DATE_TRUNC('MONTH', "t1"."date") AS "period"
    FROM "ad_performance" AS "t1"
    WHERE
      "t1"."date" IS NOT NULL
  ) AS "t3"
  GROUP BY
    1
), "t7" AS (
  SELECT
    "t4"."period",
    SUM(CAST("t4"."amount_base" AS DOUBLE)) AS "other_costs"
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
      "t2"."date" AS "_day",
      DATE_TRUNC('MONTH', "t2"."date") AS "period"
    FROM "costs" AS "t2"
    WHERE
      "t2"."date" IS NOT NULL
  ) AS "t4"
  GROUP BY
    1
), "t8" AS (
  SELECT
    "t5"."period",
    SUM(CAST("t5"."revenue_base" AS DOUBLE)) AS "revenue"
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
    WHERE
      CAST("t0"."ordered_at" AS DATE) IS NOT NULL
  ) AS "t5"
  GROUP BY
    1
)
SELECT
  "t21"."period",
  (
    COALESCE("t21"."revenue", 0.0) - (
      COALESCE("t21"."spend", 0.0) + COALESCE("t21"."other_costs", 0.0)
    )
  ) / NULLIF(COALESCE("t21"."spend", 0.0) + COALESCE("t21"."other_costs", 0.0), 0) AS "roi"
FROM (
  SELECT
    "t20"."period",
    "t14"."revenue",
    "t12"."spend",
    "t13"."other_costs"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t10"."period"
      FROM "t7" AS "t10"
    ) AS "t16"
    UNION
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t11"."period"
        FROM "t8" AS "t11"
      ) AS "t17"
      UNION
      SELECT
        *
      FROM (
        SELECT
          "t9"."period"
        FROM "t6" AS "t9"
      ) AS "t15"
    ) AS "t18"
  ) AS "t20"
  LEFT OUTER JOIN "t8" AS "t14"
    ON "t20"."period" = "t14"."period"
  LEFT OUTER JOIN "t6" AS "t12"
    ON "t20"."period" = "t12"."period"
  LEFT OUTER JOIN "t7" AS "t13"
    ON "t20"."period" = "t13"."period"
) AS "t21"
ORDER BY
  "t21"."period" ASC;

-- roi_margin
WITH "t6" AS (
  SELECT
    "t3"."period",
    SUM(CAST("t3"."spend_base" AS DOUBLE)) AS "spend"
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
      "t1"."date" AS "_day",
      DATE_TRUNC('MONTH', "t1"."date") AS "period"
    FROM "ad_performance" AS "t1"
    WHERE
      "t1"."date" IS NOT NULL
  ) AS "t3"
  GROUP BY
    1
), "t7" AS (
  SELECT
    "t4"."period",
    SUM(CAST("t4"."amount_base" AS DOUBLE)) AS "other_costs"
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
      "t2"."date" AS "_day",
      DATE_TRUNC('MONTH', "t2"."date") AS "period"
    FROM "costs" AS "t2"
    WHERE
      "t2"."date" IS NOT NULL
  ) AS "t4"
  GROUP BY
    1
), "t8" AS (
  SELECT
    "t5"."period",
    SUM(CAST("t5"."gross_margin_base" AS DOUBLE)) AS "gross_margin"
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
    WHERE
      CAST("t0"."ordered_at" AS DATE) IS NOT NULL
  ) AS "t5"
  GROUP BY
    1
)
SELECT
  "t21"."period",
  (
    COALESCE("t21"."gross_margin", 0.0) - (
      COALESCE("t21"."spend", 0.0) + COALESCE("t21"."other_costs", 0.0)
    )
  ) / NULLIF(COALESCE("t21"."spend", 0.0) + COALESCE("t21"."other_costs", 0.0), 0) AS "roi_margin"
FROM (
  SELECT
    "t20"."period",
    "t14"."gross_margin",
    "t12"."spend",
    "t13"."other_costs"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t10"."period"
      FROM "t7" AS "t10"
    ) AS "t16"
    UNION
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t11"."period"
        FROM "t8" AS "t11"
      ) AS "t17"
      UNION
      SELECT
        *
      FROM (
        SELECT
          "t9"."period"
        FROM "t6" AS "t9"
      ) AS "t15"
    ) AS "t18"
  ) AS "t20"
  LEFT OUTER JOIN "t8" AS "t14"
    ON "t20"."period" = "t14"."period"
  LEFT OUTER JOIN "t6" AS "t12"
    ON "t20"."period" = "t12"."period"
  LEFT OUTER JOIN "t7" AS "t13"
    ON "t20"."period" = "t13"."period"
) AS "t21"
ORDER BY
  "t21"."period" ASC;

-- cac
WITH "t6" AS (
  SELECT
    "t3"."period",
    SUM(CAST("t3"."spend_base" AS DOUBLE)) AS "spend"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t3"
  GROUP BY
    1
), "t7" AS (
  SELECT
    "t4"."period",
    SUM(CAST("t4"."amount_base" AS DOUBLE)) AS "other_costs"
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
      "t1"."date" AS "_day",
      DATE_TRUNC('MONTH', "t1"."date") AS "period"
    FROM "costs" AS "t1"
    WHERE
      "t1"."date" IS NOT NULL
  ) AS "t4"
  GROUP BY
    1
), "t10" AS (
  SELECT
    "t5"."period",
    CAST(COUNT(DISTINCT "t5"."customer_id") FILTER(WHERE
      "t5"."is_first_order") AS DOUBLE) AS "new_customers"
  FROM (
    SELECT
      "t2"."order_id",
      "t2"."customer_id",
      "t2"."ordered_at",
      "t2"."currency",
      "t2"."revenue",
      "t2"."gross_margin",
      "t2"."channel",
      "t2"."source",
      "t2"."medium",
      "t2"."campaign",
      "t2"."source_campaign",
      "t2"."is_first_order",
      "t2"."revenue_base",
      "t2"."gross_margin_base",
      "t2"."attributes",
      "t2"."_source",
      "t2"."_loaded_at",
      "t2"."_load_id",
      CAST("t2"."ordered_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t2"."ordered_at" AS DATE)) AS "period"
    FROM "orders" AS "t2"
    WHERE
      CAST("t2"."ordered_at" AS DATE) IS NOT NULL
  ) AS "t5"
  GROUP BY
    1
)
SELECT
  "t21"."period",
  (
    COALESCE("t21"."spend", 0.0) + COALESCE("t21"."other_costs", 0.0)
  ) / NULLIF(COALESCE("t21"."new_customers", 0.0), 0) AS "cac"
FROM (
  SELECT
    "t20"."period",
    "t11"."spend",
    "t12"."other_costs",
    "t16"."new_customers"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t13"."period"
      FROM "t10" AS "t13"
    ) AS "t18"
    UNION
    SELECT
      *
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t8"."period"
        FROM "t6" AS "t8"
      ) AS "t14"
      UNION
      SELECT
        *
      FROM (
        SELECT
          "t9"."period"
        FROM "t7" AS "t9"
      ) AS "t15"
    ) AS "t17"
  ) AS "t20"
  LEFT OUTER JOIN "t6" AS "t11"
    ON "t20"."period" = "t11"."period"
  LEFT OUTER JOIN "t7" AS "t12"
    ON "t20"."period" = "t12"."period"
  LEFT OUTER JOIN "t10" AS "t16"
    ON "t20"."period" = "t16"."period"
) AS "t21"
ORDER BY
  "t21"."period" ASC;

-- cac_media
WITH "t4" AS (
  SELECT
    "t2"."period",
    SUM(CAST("t2"."spend_base" AS DOUBLE)) AS "spend"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t2"
  GROUP BY
    1
), "t6" AS (
  SELECT
    "t3"."period",
    CAST(COUNT(DISTINCT "t3"."customer_id") FILTER(WHERE
      "t3"."is_first_order") AS DOUBLE) AS "new_customers"
  FROM (
    SELECT
      "t1"."order_id",
      "t1"."customer_id",
      "t1"."ordered_at",
      "t1"."currency",
      "t1"."revenue",
      "t1"."gross_margin",
      "t1"."channel",
      "t1"."source",
      "t1"."medium",
      "t1"."campaign",
      "t1"."source_campaign",
      "t1"."is_first_order",
      "t1"."revenue_base",
      "t1"."gross_margin_base",
      "t1"."attributes",
      "t1"."_source",
      "t1"."_loaded_at",
      "t1"."_load_id",
      CAST("t1"."ordered_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t1"."ordered_at" AS DATE)) AS "period"
    FROM "orders" AS "t1"
    WHERE
      CAST("t1"."ordered_at" AS DATE) IS NOT NULL
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t14"."period",
  COALESCE("t14"."spend", 0.0) / NULLIF(COALESCE("t14"."new_customers", 0.0), 0) AS "cac_media"
FROM (
  SELECT
    "t13"."period",
    "t7"."spend",
    "t10"."new_customers"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t5"."period"
      FROM "t4" AS "t5"
    ) AS "t9"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t8"."period"
      FROM "t6" AS "t8"
    ) AS "t11"
  ) AS "t13"
  LEFT OUTER JOIN "t4" AS "t7"
    ON "t13"."period" = "t7"."period"
  LEFT OUTER JOIN "t6" AS "t10"
    ON "t13"."period" = "t10"."period"
) AS "t14"
ORDER BY
  "t14"."period" ASC;

-- leads
WITH "t2" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(*) AS DOUBLE) AS "leads"
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
      CAST("t0"."created_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."created_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."created_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."leads", 0.0) AS "leads"
FROM (
  SELECT
    "t6"."period",
    "t4"."leads"
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

-- mqls
WITH "t2" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(*) AS DOUBLE) AS "mqls"
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
      CAST("t0"."mql_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."mql_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."mql_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."mqls", 0.0) AS "mqls"
FROM (
  SELECT
    "t6"."period",
    "t4"."mqls"
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

-- sqls
WITH "t2" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(*) AS DOUBLE) AS "sqls"
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
      CAST("t0"."sql_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."sql_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."sql_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."sqls", 0.0) AS "sqls"
FROM (
  SELECT
    "t6"."period",
    "t4"."sqls"
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

-- opportunities
WITH "t2" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(*) AS DOUBLE) AS "opportunities"
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
      CAST("t0"."opportunity_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."opportunity_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."opportunity_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."opportunities", 0.0) AS "opportunities"
FROM (
  SELECT
    "t6"."period",
    "t4"."opportunities"
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

-- won
WITH "t2" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(*) AS DOUBLE) AS "won"
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
      CAST("t0"."won_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."won_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."won_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."won", 0.0) AS "won"
FROM (
  SELECT
    "t6"."period",
    "t4"."won"
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

-- cpl
WITH "t4" AS (
  SELECT
    "t2"."period",
    SUM(CAST("t2"."spend_base" AS DOUBLE)) AS "spend"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "ad_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t2"
  GROUP BY
    1
), "t5" AS (
  SELECT
    "t3"."period",
    CAST(COUNT(*) AS DOUBLE) AS "leads"
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
      CAST("t1"."created_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t1"."created_at" AS DATE)) AS "period"
    FROM "leads" AS "t1"
    WHERE
      CAST("t1"."created_at" AS DATE) IS NOT NULL
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t14"."period",
  COALESCE("t14"."spend", 0.0) / NULLIF(COALESCE("t14"."leads", 0.0), 0) AS "cpl"
FROM (
  SELECT
    "t13"."period",
    "t8"."spend",
    "t9"."leads"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t6"."period"
      FROM "t4" AS "t6"
    ) AS "t10"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t7"."period"
      FROM "t5" AS "t7"
    ) AS "t11"
  ) AS "t13"
  LEFT OUTER JOIN "t4" AS "t8"
    ON "t13"."period" = "t8"."period"
  LEFT OUTER JOIN "t5" AS "t9"
    ON "t13"."period" = "t9"."period"
) AS "t14"
ORDER BY
  "t14"."period" ASC;

-- lead_to_mql_rate
WITH "t3" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(*) AS DOUBLE) AS "leads"
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
      CAST("t0"."created_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."created_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."created_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
), "t4" AS (
  SELECT
    "t2"."period",
    CAST(COUNT(*) AS DOUBLE) AS "mqls"
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
      CAST("t0"."mql_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."mql_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."mql_at" AS DATE) IS NOT NULL
  ) AS "t2"
  GROUP BY
    1
)
SELECT
  "t13"."period",
  COALESCE("t13"."mqls", 0.0) / NULLIF(COALESCE("t13"."leads", 0.0), 0) AS "lead_to_mql_rate"
FROM (
  SELECT
    "t12"."period",
    "t8"."mqls",
    "t7"."leads"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t6"."period"
      FROM "t4" AS "t6"
    ) AS "t10"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t5"."period"
      FROM "t3" AS "t5"
    ) AS "t9"
  ) AS "t12"
  LEFT OUTER JOIN "t4" AS "t8"
    ON "t12"."period" = "t8"."period"
  LEFT OUTER JOIN "t3" AS "t7"
    ON "t12"."period" = "t7"."period"
) AS "t13"
ORDER BY
  "t13"."period" ASC;

-- mql_to_sql_rate
WITH "t3" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(*) AS DOUBLE) AS "mqls"
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
      CAST("t0"."mql_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."mql_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."mql_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
), "t4" AS (
  SELECT
    "t2"."period",
    CAST(COUNT(*) AS DOUBLE) AS "sqls"
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
      CAST("t0"."sql_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."sql_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."sql_at" AS DATE) IS NOT NULL
  ) AS "t2"
  GROUP BY
    1
)
SELECT
  "t13"."period",
  COALESCE("t13"."sqls", 0.0) / NULLIF(COALESCE("t13"."mqls", 0.0), 0) AS "mql_to_sql_rate"
FROM (
  SELECT
    "t12"."period",
    "t8"."sqls",
    "t7"."mqls"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t6"."period"
      FROM "t4" AS "t6"
    ) AS "t10"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t5"."period"
      FROM "t3" AS "t5"
    ) AS "t9"
  ) AS "t12"
  LEFT OUTER JOIN "t4" AS "t8"
    ON "t12"."period" = "t8"."period"
  LEFT OUTER JOIN "t3" AS "t7"
    ON "t12"."period" = "t7"."period"
) AS "t13"
ORDER BY
  "t13"."period" ASC;

-- sql_to_won_rate
WITH "t3" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(*) AS DOUBLE) AS "sqls"
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
      CAST("t0"."sql_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."sql_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."sql_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
), "t4" AS (
  SELECT
    "t2"."period",
    CAST(COUNT(*) AS DOUBLE) AS "won"
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
      CAST("t0"."won_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."won_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."won_at" AS DATE) IS NOT NULL
  ) AS "t2"
  GROUP BY
    1
)
SELECT
  "t13"."period",
  COALESCE("t13"."won", 0.0) / NULLIF(COALESCE("t13"."sqls", 0.0), 0) AS "sql_to_won_rate"
FROM (
  SELECT
    "t12"."period",
    "t8"."won",
    "t7"."sqls"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t6"."period"
      FROM "t4" AS "t6"
    ) AS "t10"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t5"."period"
      FROM "t3" AS "t5"
    ) AS "t9"
  ) AS "t12"
  LEFT OUTER JOIN "t4" AS "t8"
    ON "t12"."period" = "t8"."period"
  LEFT OUTER JOIN "t3" AS "t7"
    ON "t12"."period" = "t7"."period"
) AS "t13"
ORDER BY
  "t13"."period" ASC;

-- lead_to_won_rate
WITH "t3" AS (
  SELECT
    "t1"."period",
    CAST(COUNT(*) AS DOUBLE) AS "leads"
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
      CAST("t0"."created_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."created_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."created_at" AS DATE) IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
), "t4" AS (
  SELECT
    "t2"."period",
    CAST(COUNT(*) AS DOUBLE) AS "won"
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
      CAST("t0"."won_at" AS DATE) AS "_day",
      DATE_TRUNC('MONTH', CAST("t0"."won_at" AS DATE)) AS "period"
    FROM "leads" AS "t0"
    WHERE
      CAST("t0"."won_at" AS DATE) IS NOT NULL
  ) AS "t2"
  GROUP BY
    1
)
SELECT
  "t13"."period",
  COALESCE("t13"."won", 0.0) / NULLIF(COALESCE("t13"."leads", 0.0), 0) AS "lead_to_won_rate"
FROM (
  SELECT
    "t12"."period",
    "t8"."won",
    "t7"."leads"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t6"."period"
      FROM "t4" AS "t6"
    ) AS "t10"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t5"."period"
      FROM "t3" AS "t5"
    ) AS "t9"
  ) AS "t12"
  LEFT OUTER JOIN "t4" AS "t8"
    ON "t12"."period" = "t8"."period"
  LEFT OUTER JOIN "t3" AS "t7"
    ON "t12"."period" = "t7"."period"
) AS "t13"
ORDER BY
  "t13"."period" ASC;

-- sessions
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."sessions" AS DOUBLE)) AS "sessions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."sessions", 0.0) AS "sessions"
FROM (
  SELECT
    "t6"."period",
    "t4"."sessions"
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

-- users
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."users" AS DOUBLE)) AS "users"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."users", 0.0) AS "users"
FROM (
  SELECT
    "t6"."period",
    "t4"."users"
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

-- new_users
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."new_users" AS DOUBLE)) AS "new_users"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."new_users", 0.0) AS "new_users"
FROM (
  SELECT
    "t6"."period",
    "t4"."new_users"
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

-- pageviews
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."pageviews" AS DOUBLE)) AS "pageviews"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."pageviews", 0.0) AS "pageviews"
FROM (
  SELECT
    "t6"."period",
    "t4"."pageviews"
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

-- engaged_sessions
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."engaged_sessions" AS DOUBLE)) AS "engaged_sessions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."engaged_sessions", 0.0) AS "engaged_sessions"
FROM (
  SELECT
    "t6"."period",
    "t4"."engaged_sessions"
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

-- bounces
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."bounces" AS DOUBLE)) AS "bounces"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."bounces", 0.0) AS "bounces"
FROM (
  SELECT
    "t6"."period",
    "t4"."bounces"
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

-- engagement_seconds
WITH "t2" AS (
  SELECT
    "t1"."period",
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."engagement_seconds", 0.0) AS "engagement_seconds"
FROM (
  SELECT
    "t6"."period",
    "t4"."engagement_seconds"
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

-- web_conversions
WITH "t2" AS (
  SELECT
    "t1"."period",
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."web_conversions", 0.0) AS "web_conversions"
FROM (
  SELECT
    "t6"."period",
    "t4"."web_conversions"
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

-- pageviews_per_session
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."pageviews" AS DOUBLE)) AS "pageviews",
    SUM(CAST("t1"."sessions" AS DOUBLE)) AS "sessions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."pageviews", 0.0) / NULLIF(COALESCE("t7"."sessions", 0.0), 0) AS "pageviews_per_session"
FROM (
  SELECT
    "t6"."period",
    "t4"."pageviews",
    "t4"."sessions"
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

-- revenue_per_session
WITH "t4" AS (
  SELECT
    "t2"."period",
    SUM(CAST("t2"."sessions" AS DOUBLE)) AS "sessions"
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
      "t1"."date" AS "_day",
      DATE_TRUNC('MONTH', "t1"."date") AS "period"
    FROM "web_traffic" AS "t1"
    WHERE
      "t1"."date" IS NOT NULL
  ) AS "t2"
  GROUP BY
    1
), "t5" AS (
  SELECT
    "t3"."period",
    SUM(CAST("t3"."revenue_base" AS DOUBLE)) AS "revenue"
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
    WHERE
      CAST("t0"."ordered_at" AS DATE) IS NOT NULL
  ) AS "t3"
  GROUP BY
    1
)
SELECT
  "t14"."period",
  COALESCE("t14"."revenue", 0.0) / NULLIF(COALESCE("t14"."sessions", 0.0), 0) AS "revenue_per_session"
FROM (
  SELECT
    "t13"."period",
    "t9"."revenue",
    "t8"."sessions"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t7"."period"
      FROM "t5" AS "t7"
    ) AS "t11"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t6"."period"
      FROM "t4" AS "t6"
    ) AS "t10"
  ) AS "t13"
  LEFT OUTER JOIN "t5" AS "t9"
    ON "t13"."period" = "t9"."period"
  LEFT OUTER JOIN "t4" AS "t8"
    ON "t13"."period" = "t8"."period"
) AS "t14"
ORDER BY
  "t14"."period" ASC;

-- bounce_rate
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."bounces" AS DOUBLE)) AS "bounces",
    SUM(CAST("t1"."sessions" AS DOUBLE)) AS "sessions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."bounces", 0.0) / NULLIF(COALESCE("t7"."sessions", 0.0), 0) AS "bounce_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."bounces",
    "t4"."sessions"
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

-- engagement_rate
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."engaged_sessions" AS DOUBLE)) AS "engaged_sessions",
    SUM(CAST("t1"."sessions" AS DOUBLE)) AS "sessions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."engaged_sessions", 0.0) / NULLIF(COALESCE("t7"."sessions", 0.0), 0) AS "engagement_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."engaged_sessions",
    "t4"."sessions"
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

-- avg_engagement_time
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM("t1"."engagement_seconds") AS "engagement_seconds",
    SUM(CAST("t1"."sessions" AS DOUBLE)) AS "sessions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."engagement_seconds", 0.0) / NULLIF(COALESCE("t7"."sessions", 0.0), 0) AS "avg_engagement_time"
FROM (
  SELECT
    "t6"."period",
    "t4"."engagement_seconds",
    "t4"."sessions"
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

-- web_conversion_rate
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM("t1"."conversions") AS "web_conversions",
    SUM(CAST("t1"."sessions" AS DOUBLE)) AS "sessions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "web_traffic" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."web_conversions", 0.0) / NULLIF(COALESCE("t7"."sessions", 0.0), 0) AS "web_conversion_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."web_conversions",
    "t4"."sessions"
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

-- emails_sent
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."sent" AS DOUBLE)) AS "emails_sent"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."emails_sent", 0.0) AS "emails_sent"
FROM (
  SELECT
    "t6"."period",
    "t4"."emails_sent"
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

-- emails_delivered
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."delivered" AS DOUBLE)) AS "emails_delivered"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."emails_delivered", 0.0) AS "emails_delivered"
FROM (
  SELECT
    "t6"."period",
    "t4"."emails_delivered"
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

-- email_opens
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."unique_opens" AS DOUBLE)) AS "email_opens"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."email_opens", 0.0) AS "email_opens"
FROM (
  SELECT
    "t6"."period",
    "t4"."email_opens"
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

-- email_clicks
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."unique_clicks" AS DOUBLE)) AS "email_clicks"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."email_clicks", 0.0) AS "email_clicks"
FROM (
  SELECT
    "t6"."period",
    "t4"."email_clicks"
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

-- email_unsubscribes
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."unsubscribes" AS DOUBLE)) AS "email_unsubscribes"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."email_unsubscribes", 0.0) AS "email_unsubscribes"
FROM (
  SELECT
    "t6"."period",
    "t4"."email_unsubscribes"
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

-- email_complaints
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."complaints" AS DOUBLE)) AS "email_complaints"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."email_complaints", 0.0) AS "email_complaints"
FROM (
  SELECT
    "t6"."period",
    "t4"."email_complaints"
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

-- email_delivery_rate
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."delivered" AS DOUBLE)) AS "emails_delivered",
    SUM(CAST("t1"."sent" AS DOUBLE)) AS "emails_sent"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."emails_delivered", 0.0) / NULLIF(COALESCE("t7"."emails_sent", 0.0), 0) AS "email_delivery_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."emails_delivered",
    "t4"."emails_sent"
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

-- email_open_rate
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."unique_opens" AS DOUBLE)) AS "email_opens",
    SUM(CAST("t1"."delivered" AS DOUBLE)) AS "emails_delivered"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."email_opens", 0.0) / NULLIF(COALESCE("t7"."emails_delivered", 0.0), 0) AS "email_open_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."email_opens",
    "t4"."emails_delivered"
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

-- email_click_rate
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."unique_clicks" AS DOUBLE)) AS "email_clicks",
    SUM(CAST("t1"."delivered" AS DOUBLE)) AS "emails_delivered"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."email_clicks", 0.0) / NULLIF(COALESCE("t7"."emails_delivered", 0.0), 0) AS "email_click_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."email_clicks",
    "t4"."emails_delivered"
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

-- email_click_to_open_rate
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."unique_clicks" AS DOUBLE)) AS "email_clicks",
    SUM(CAST("t1"."unique_opens" AS DOUBLE)) AS "email_opens"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."email_clicks", 0.0) / NULLIF(COALESCE("t7"."email_opens", 0.0), 0) AS "email_click_to_open_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."email_clicks",
    "t4"."email_opens"
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

-- email_unsubscribe_rate
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."unsubscribes" AS DOUBLE)) AS "email_unsubscribes",
    SUM(CAST("t1"."delivered" AS DOUBLE)) AS "emails_delivered"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."email_unsubscribes", 0.0) / NULLIF(COALESCE("t7"."emails_delivered", 0.0), 0) AS "email_unsubscribe_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."email_unsubscribes",
    "t4"."emails_delivered"
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

-- email_complaint_rate
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."complaints" AS DOUBLE)) AS "email_complaints",
    SUM(CAST("t1"."delivered" AS DOUBLE)) AS "emails_delivered"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "email_campaigns" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."email_complaints", 0.0) / NULLIF(COALESCE("t7"."emails_delivered", 0.0), 0) AS "email_complaint_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."email_complaints",
    "t4"."emails_delivered"
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

-- social_impressions
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."impressions" AS DOUBLE)) AS "social_impressions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "social_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."social_impressions", 0.0) AS "social_impressions"
FROM (
  SELECT
    "t6"."period",
    "t4"."social_impressions"
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

-- social_engagements
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."engagements" AS DOUBLE)) AS "social_engagements"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "social_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."social_engagements", 0.0) AS "social_engagements"
FROM (
  SELECT
    "t6"."period",
    "t4"."social_engagements"
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

-- follower_change
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."follower_change" AS DOUBLE)) AS "follower_change"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "social_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."follower_change", 0.0) AS "follower_change"
FROM (
  SELECT
    "t6"."period",
    "t4"."follower_change"
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
  WHERE
    "t0"."date" IS NOT NULL
), "t8" AS (
  SELECT
    "t7"."period",
    SUM(CAST("t7"."followers" - "t7"."follower_change" AS DOUBLE)) AS "followers_start"
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
WITH "t2" AS (
  SELECT
    "t1"."period",
    SUM(CAST("t1"."engagements" AS DOUBLE)) AS "social_engagements",
    SUM(CAST("t1"."impressions" AS DOUBLE)) AS "social_impressions"
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
      "t0"."date" AS "_day",
      DATE_TRUNC('MONTH', "t0"."date") AS "period"
    FROM "social_performance" AS "t0"
    WHERE
      "t0"."date" IS NOT NULL
  ) AS "t1"
  GROUP BY
    1
)
SELECT
  "t7"."period",
  COALESCE("t7"."social_engagements", 0.0) / NULLIF(COALESCE("t7"."social_impressions", 0.0), 0) AS "social_engagement_rate"
FROM (
  SELECT
    "t6"."period",
    "t4"."social_engagements",
    "t4"."social_impressions"
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

-- follower_growth
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
  WHERE
    "t0"."date" IS NOT NULL
), "t5" AS (
  SELECT
    "t2"."period",
    SUM(CAST("t2"."follower_change" AS DOUBLE)) AS "follower_change"
  FROM "t1" AS "t2"
  GROUP BY
    1
), "t12" AS (
  SELECT
    "t11"."period",
    SUM(CAST("t11"."followers" - "t11"."follower_change" AS DOUBLE)) AS "followers_start"
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
        "t6"."_first"
      FROM "t1" AS "t3"
      INNER JOIN (
        SELECT
          "t2"."period",
          MIN("t2"."_day") AS "_first"
        FROM "t1" AS "t2"
        GROUP BY
          1
      ) AS "t6"
        ON "t3"."period" = "t6"."period"
    ) AS "t10"
    WHERE
      "t10"."_day" = "t10"."_first"
  ) AS "t11"
  GROUP BY
    1
)
SELECT
  "t18"."period",
  COALESCE("t18"."follower_change", 0.0) / NULLIF(COALESCE("t18"."followers_start", 0.0), 0) AS "follower_growth"
FROM (
  SELECT
    "t17"."period",
    "t8"."follower_change",
    "t14"."followers_start"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t7"."period"
      FROM "t5" AS "t7"
    ) AS "t9"
    UNION
    SELECT
      *
    FROM (
      SELECT
        "t13"."period"
      FROM "t12" AS "t13"
    ) AS "t15"
  ) AS "t17"
  LEFT OUTER JOIN "t5" AS "t8"
    ON "t17"."period" = "t8"."period"
  LEFT OUTER JOIN "t12" AS "t14"
    ON "t17"."period" = "t14"."period"
) AS "t18"
ORDER BY
  "t18"."period" ASC;
