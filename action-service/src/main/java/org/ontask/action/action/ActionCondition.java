package org.ontask.action.action;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/**
 * A named condition of an action: a formula in the original's JSON, used in {@code {% if
 * name %}}. Names are unique per action.
 */
@Entity
@Table(name = "action_condition")
class ActionCondition {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@ManyToOne(fetch = FetchType.LAZY, optional = false)
	@JoinColumn(name = "action_id")
	private Action action;

	@Column(nullable = false)
	private String name;

	@Column(nullable = false)
	private String description = "";

	@Column(nullable = false)
	private String formula;

	@Column(nullable = false)
	private int position;

	protected ActionCondition() {
	}

	ActionCondition(Action action, String name, String description, String formula, int position) {
		this.action = action;
		this.name = name;
		this.description = (description != null) ? description : "";
		this.formula = formula;
		this.position = position;
	}

	Long getId() {
		return this.id;
	}

	String getName() {
		return this.name;
	}

	String getDescription() {
		return this.description;
	}

	String getFormula() {
		return this.formula;
	}

	int getPosition() {
		return this.position;
	}

	void change(String name, String description, String formula) {
		this.name = name;
		this.description = description;
		this.formula = formula;
	}

}
