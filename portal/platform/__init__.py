"""What every feature stands on, importing no feature: configuration, the database and its unit of work, jobs,
mail transport, the PDF engine, encryption, the cache, rate limits, i18n, the base form, error pages."""
