"""Staff meeting management: meetings, closing reports, feedback summaries, QR codes and printable flyers."""
