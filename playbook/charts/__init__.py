"""Pure chart builders: data in, plotly ``go.Figure`` out (no widgets)."""
