"""Reading every language: language detection, machine translation as a job, the best English for each reader,
and the translators' queue."""
