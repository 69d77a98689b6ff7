"""Text tools shared by the domain: normalisation, tokens, the word-list term syntax and its matcher."""
