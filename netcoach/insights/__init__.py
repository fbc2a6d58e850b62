"""Pure pandas aggregations of a member's data, and the plotly figures drawn from them."""
