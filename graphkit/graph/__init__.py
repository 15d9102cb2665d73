"""The graph: entities and relations as a networkx graph with metrics, communities and a layout."""
