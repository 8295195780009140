# L'équipe du cabinet, une personne par ligne (texte plié : minuscules, sans accents).
# The worked example of avis-rules(5).
(?:dr|docteur) ?\.? ?martin
(?:dr|docteur) ?\.? ?nguyen
(?:dr|docteure?) ?\.? ?lefebvre
sophie(?: durand)?
karim(?: benali)?
