"""What a city sets to make the portal its own: the office's name, city, address, interpreter line and privacy text
per language (office.py), residents' suggestions for better wording (suggestions.py), and the language-access report
(language_access.py). Features above use office.py; it knows none of them."""
